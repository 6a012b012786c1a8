import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { DateTime } from 'luxon';
import type { BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';

import type { Expert } from '../../shared/schemas/expert';
import { addDays } from '../../shared/time/calendar-days';
import { formatDay, formatTimeSlot, formatTimeZone } from '../../shared/format';
import { chooseDay, groupSlotsByDay, type SlotDay } from '../../shared/time/slot-days';
import { formatViewerStart } from '../../shared/time/viewer-time';
import { PAGE_WINDOW_DAYS } from '../../shared/time/slot-window';
import type { SeedExpert } from '../../scripts/seed/catalogue';
import { NOTHING_BOOKED, slotsForWindow } from '../../server/services/availability';
import { bookingFormChecksLoaded, bookTakenSlot } from '../support/e2e-booking-form';
import { collectProblems, screenshotBoth } from '../support/e2e-browser';
import { createExpert, dayFromNow, onlyOn } from '../support/builders';
import { bookThroughApi, expertIdByName, getExpert } from '../support/e2e-api';
import { E2E_NOW, useE2eApp } from '../support/e2e-server';

/**
 * An expert's page as a new visitor uses it, in headless Chromium, with JavaScript on and off:
 * pick a day from the row, then a time; times in the expert's zone with the viewer's own beside
 * them; the whole page fits a phone without sideways scrolling.
 */

const { server, browser } = await useE2eApp();

const contexts: BrowserContext[] = [];
afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
});

const PHONE = { width: 360, height: 780 };

async function openPage(
  javaScriptEnabled: boolean,
  { timezoneId = 'America/New_York', viewport = { width: 1280, height: 900 } } = {},
) {
  const context = await browser.newContext({ javaScriptEnabled, timezoneId, viewport });
  contexts.push(context);
  const page = await context.newPage();
  return { page, problems: collectProblems(page) };
}

interface Opened {
  id: string;
  expert: Expert;
  days: SlotDay[];
}

async function lookUp(seed: SeedExpert): Promise<Opened> {
  const id = await expertIdByName(server.url, seed.name);
  const expert = await getExpert(server.url, id);
  return { id, expert, days: groupSlotsByDay(expert.slots) };
}

/** Opens the page; with JavaScript, waits until React and the form's checks have taken over. */
async function visit(page: Page, url: string, javaScriptEnabled: boolean, viewerZone: string) {
  await page.goto(url);
  if (javaScriptEnabled) {
    await page.getByText(`yours (${formatTimeZone(viewerZone)})`).waitFor();
    await bookingFormChecksLoaded(page);
  }
}

function dayRow(page: Page) {
  return page.getByRole('list', { name: 'Choose a day and a time' }).getByRole('link');
}

/** The days the row links to, in order. */
async function shownDays(page: Page): Promise<(string | null)[]> {
  return dayRow(page).evaluateAll((links) =>
    links.map((link) => new URL((link as HTMLAnchorElement).href).searchParams.get('day')),
  );
}

/** The days with slots in the page's week from `from`, as the API tells them. */
async function apiWeekDays(id: string, from: string): Promise<string[]> {
  const api = await fetch(`${server.url}/api/experts/${id}?from=${from}&days=${PAGE_WINDOW_DAYS}`);
  const week = ((await api.json()) as { data: Expert }).data;
  return groupSlotsByDay(week.slots).map((day) => day.date);
}

async function currentDay(page: Page): Promise<string | null> {
  const link = page.locator('.day-row a[aria-current="page"]');
  expect(await link.count()).toBe(1);
  return new URL((await link.getAttribute('href'))!, server.url).searchParams.get('day');
}

async function shownSlots(page: Page): Promise<string[]> {
  return page
    .getByRole('radio')
    .evaluateAll((radios) => (radios as HTMLInputElement[]).map((radio) => radio.value));
}

function slotValues(day: SlotDay): string[] {
  return day.slots.map((slot) => `${slot.date}T${slot.timeSlot}`);
}

/** A day other than the default one, with free slots, a little way along the row. */
function anotherDay(days: SlotDay[]): SlotDay {
  const fallback = chooseDay(days);
  const day = days.slice(2).find((candidate) => candidate.free > 0 && candidate.date !== fallback);
  if (!day) throw new Error('The expert needs another day with free slots.');
  return day;
}

describe.each([
  { javaScriptEnabled: true, label: 'with JavaScript', shots: 'js' },
  { javaScriptEnabled: false, label: 'without JavaScript', shots: 'nojs' },
])('picking a day, then a time, $label', { timeout: 90_000 }, ({ javaScriptEnabled, shots }) => {
  it('shows every coming day with its free count, the first free day chosen, and each day on demand', async () => {
    const { id, days } = await lookUp(server.experts[20]!);
    const { page, problems } = await openPage(javaScriptEnabled);
    await visit(page, `${server.url}/experts/${id}`, javaScriptEnabled, 'America/New_York');

    const links = dayRow(page);
    expect(await links.allInnerTexts()).toHaveLength(days.length);
    const texts = await links.evaluateAll((all) =>
      all.map((link) => link.getAttribute('aria-label') ?? ''),
    );
    expect(texts).toEqual(
      days.map((day) =>
        expect.stringMatching(
          new RegExp(`^\\w{3} \\d{1,2} \\w{3}, ${day.free === 0 ? 'full' : `${day.free} free`}$`),
        ),
      ),
    );
    const first = days.find((day) => day.date === chooseDay(days))!;
    expect(await currentDay(page)).toBe(first.date);
    expect(await shownSlots(page)).toEqual(slotValues(first));
    expect(await page.getByRole('group', { name: formatDay(first.date) }).count()).toBe(1);
    await screenshotBoth(page, `expert-page-${shots}`);

    // Every day can be reached with the keyboard alone, one Tab after another.
    await links.first().focus();
    for (let index = 1; index < days.length; index += 1) await page.keyboard.press('Tab');
    expect(await links.last().evaluate((element) => element === document.activeElement)).toBe(true);

    const other = anotherDay(days);
    const historyLength = await page.evaluate(() => history.length);
    const requests: Request[] = [];
    page.on('request', (request) => {
      // The browser itself looks at the tab's icon again when the address changes.
      if (new URL(request.url()).pathname !== '/favicon.svg') requests.push(request);
    });
    await page
      .getByRole('link', { name: new RegExp(`^\\w{3} ${formatShortDate(other.date)},`) })
      .click();
    await page.waitForURL((url) => url.searchParams.get('day') === other.date);
    await page.getByRole('group', { name: formatDay(other.date) }).waitFor();
    expect(await currentDay(page)).toBe(other.date);
    expect(await shownSlots(page)).toEqual(slotValues(other));
    if (javaScriptEnabled) {
      // Instant: the loader had already sent every day; and the entry is replaced, not added.
      expect(requests.map((request) => `${request.resourceType()} ${request.url()}`)).toEqual([]);
      expect(await page.evaluate(() => history.length)).toBe(historyLength);
    } else {
      expect(requests.map((request) => request.resourceType())).toContain('document');
    }
    await screenshotBoth(page, `expert-page-other-day-${shots}`);
    expect(problems).toEqual([]);
  });

  it('brings a validation error, and a lost race, back on the same day', async () => {
    const { id, days } = await lookUp(server.experts[27]!);
    const { page, problems } = await openPage(javaScriptEnabled);
    const other = anotherDay(days);
    await visit(
      page,
      `${server.url}/experts/${id}?day=${other.date}`,
      javaScriptEnabled,
      'America/New_York',
    );
    const radio = page.getByRole('radio', { name: /Free/ }).first();
    const value = (await radio.getAttribute('value'))!;
    expect(value.startsWith(other.date)).toBe(true);
    await radio.check();
    await page.getByLabel('Name', { exact: true }).fill('A');
    await page.getByRole('button', { name: 'Book this slot' }).click();
    // Next to the field, exactly; the error summary's link says it after the field's name.
    await page.getByText('Name must be at least 2 characters.', { exact: true }).waitFor();
    expect(await currentDay(page)).toBe(other.date);
    expect(await page.locator(`input[value="${value}"]`).isChecked()).toBe(true);

    // Someone else takes it. With JavaScript the page hears it at once; without, the attempt
    // comes back with the reason. Either way on the same day.
    const [date = '', timeSlot = ''] = value.split('T');
    await bookThroughApi(server.url, { expertId: id, date, timeSlot });
    await page.getByLabel('Name', { exact: true }).fill('Ada Lovelace');
    if (javaScriptEnabled) {
      await page.getByRole('status').filter({ hasText: 'just booked by someone else' }).waitFor();
    } else {
      await page.getByLabel('Email', { exact: true }).fill(`race-${shots}@example.com`);
      await page.getByLabel('Phone', { exact: true }).fill('+44 20 7946 0958');
      await bookTakenSlot(page);
    }
    expect(await currentDay(page)).toBe(other.date);
    expect(await page.locator(`input[value="${value}"]`).isDisabled()).toBe(true);
    expect(await page.locator(`input[value="${value}"]`).isChecked()).toBe(false);
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Ada Lovelace');
    expect(problems).toEqual([]);
  });
});

const LONG_BIO =
  'An engineering manager with 16 years of experience leading migrations from monoliths to ' +
  'services, and coaching teams through their first on-call rotations; helps small teams set ' +
  'up testing and deployment that they trust.';

/** An expert offering these slots tomorrow (in Berlin, on the app's clock), and nothing else. */
async function fullDayExpert(name: string, timeSlots: string[]): Promise<string> {
  const tomorrow = DateTime.fromJSDate(E2E_NOW, { zone: 'Europe/Berlin' })
    .plus({ days: 1 })
    .toISODate()!;
  const expert = await createExpert({
    name,
    bio: LONG_BIO,
    timezone: 'Europe/Berlin',
    availability: onlyOn([{ date: tomorrow, timeSlots }]),
  });
  return expert.id;
}

/** `2026-12-01` → `Tue`, as the day row writes it. */
function formatWeekday(date: string): string {
  return new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone: 'UTC' }).format(
    new Date(`${date}T12:00:00Z`),
  );
}

/** `2026-12-01` → `1 Dec`, as the day row writes it. */
function formatShortDate(date: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(new Date(`${date}T12:00:00Z`));
}

describe('paging through weeks', { timeout: 90_000 }, () => {
  it('goes to next week and back without JavaScript, within the horizon', async () => {
    const { id, expert } = await lookUp(server.experts[12]!);
    const { today, lastDay } = expert.window;
    const nextWeek = addDays(today, PAGE_WINDOW_DAYS);
    const { page, problems } = await openPage(false);
    await visit(page, `${server.url}/experts/${id}`, false, 'America/New_York');
    expect(await page.getByRole('link', { name: 'Previous week' }).count()).toBe(0);

    await page.getByRole('link', { name: 'Next week' }).click();
    await page.waitForURL((url) => url.searchParams.get('from') === nextWeek);
    const nextWeekDays = await shownDays(page);
    expect(nextWeekDays).toEqual(await apiWeekDays(id, nextWeek));
    expect(
      nextWeekDays.every((day) => day! >= nextWeek && day! < addDays(nextWeek, PAGE_WINDOW_DAYS)),
    ).toBe(true);
    // A day of that week keeps the week; the form posts back to it.
    await dayRow(page).last().click();
    // The address had that week already: wait for the day's page itself.
    await page.waitForURL(
      (url) =>
        url.searchParams.get('day') === nextWeekDays.at(-1) &&
        url.searchParams.get('from') === nextWeek,
    );
    await screenshotBoth(page, 'expert-page-next-week-nojs');

    await page.getByRole('link', { name: 'Previous week' }).click();
    await page.waitForURL((url) => url.searchParams.get('from') === today);
    // Back to the first week, which starts with its first day with slots: today only when the
    // expert has slots today (none on a day off, for one).
    const firstWeekDays = await apiWeekDays(id, today);
    expect(firstWeekDays.length).toBeGreaterThan(0);
    expect(await shownDays(page)).toEqual(firstWeekDays);
    expect(await dayRow(page).first().getAttribute('href')).toContain(`day=${firstWeekDays[0]}`);

    // The last week of the horizon links no further.
    const lastWeek = addDays(lastDay, -(PAGE_WINDOW_DAYS - 1));
    await visit(page, `${server.url}/experts/${id}?from=${lastWeek}`, false, 'America/New_York');
    expect(await page.getByRole('link', { name: 'Next week' }).count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('says why a slot cannot be booked, in text: Booked, Too soon, Past', async () => {
    const { id, expert } = await lookUp(server.experts[14]!);
    const day = expert.slots.find((slot) => slot.available)!;
    await bookThroughApi(server.url, { expertId: id, date: day.date, timeSlot: day.timeSlot });
    const { page, problems } = await openPage(false);
    await visit(page, `${server.url}/experts/${id}?day=${day.date}`, false, 'America/New_York');
    const radio = page.getByRole('radio', { name: `${formatTimeSlot(day.timeSlot)} Booked` });
    expect(await radio.isDisabled()).toBe(true);
    // Today, the slots that started or fall within the minimum notice say so too. On the app's
    // clock (a Monday morning) this expert has both.
    const today = (await getExpert(server.url, id)).slots.filter(
      (slot) => slot.date === expert.window.today && slot.reason,
    );
    expect(today.map((slot) => slot.reason)).toEqual(expect.arrayContaining(['past', 'too_soon']));
    await visit(page, `${server.url}/experts/${id}?day=${expert.window.today}`, false, 'UTC');
    const texts = await page.locator('.slot__status').allInnerTexts();
    const expected = {
      past: 'Past',
      too_soon: 'Too soon',
      booked: 'Booked',
      day_full: 'Day full',
    } as const;
    expect(texts).toEqual(today.map((slot) => expected[slot.reason!]));
    expect(problems).toEqual([]);
  });
});

describe('the day row', { timeout: 90_000 }, () => {
  it('keeps the free counts right as others book, down to "full"', async () => {
    const { id, days } = await lookUp(server.experts[33]!);
    const { page, problems } = await openPage(true);
    await visit(page, `${server.url}/experts/${id}`, true, 'America/New_York');
    const day = days.find((candidate) => candidate.date === chooseDay(days))!;
    const link = (text: string) =>
      page.getByRole('link', {
        name: `${formatWeekday(day.date)} ${formatShortDate(day.date)}, ${text}`,
      });
    await link(`${day.free} free`).waitFor();

    const free = day.slots.filter((slot) => slot.available);
    for (const [index, slot] of free.entries()) {
      await bookThroughApi(server.url, { expertId: id, date: slot.date, timeSlot: slot.timeSlot });
      const left = free.length - index - 1;
      await link(left === 0 ? 'full' : `${left} free`).waitFor();
    }
    // A full day stays the chosen one, saying so, rather than jumping away.
    expect(await currentDay(page)).toBe(day.date);
    await page.getByText('Every slot on this day is taken. Please choose another day.').waitFor();
    expect(problems).toEqual([]);
  });

  it('on a phone, scrolls on its own: the page never scrolls sideways', async () => {
    for (const javaScriptEnabled of [true, false]) {
      const { id, days } = await lookUp(server.experts[40]!);
      const { page } = await openPage(javaScriptEnabled, { viewport: PHONE });
      const last = days.at(-1)!;
      await visit(
        page,
        `${server.url}/experts/${id}?day=${last.date}`,
        javaScriptEnabled,
        'America/New_York',
      );
      const sizes = await page.evaluate(() => {
        const row = document.querySelector('.day-row')!;
        return {
          page: document.documentElement.scrollWidth,
          row: row.scrollWidth,
          rowVisible: row.clientWidth,
          overflow: getComputedStyle(row).overflowX,
        };
      });
      expect(sizes.page).toBeLessThanOrEqual(PHONE.width);
      expect(sizes.row).toBeGreaterThan(sizes.rowVisible);
      expect(sizes.overflow).toBe('auto');
      // The chosen day, at the far end, is scrolled into view.
      const box = await page.locator('.day-row a[aria-current="page"]').boundingBox();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
    }
  });

  /** How far down the page the booking form ends: the reviews below it may take more. */
  function bookButtonBottom(page: Page): Promise<number> {
    return page
      .getByRole('button', { name: 'Book this slot' })
      .evaluate((button) => button.getBoundingClientRect().bottom + window.scrollY);
  }

  it('keeps a full working day and the booking form within two phone screens', async () => {
    // 09:00-17:00 in hour-long slots (a working day), and the longest the seed can make:
    // 08:00-19:00 in half hours. A bio as long as the seed's longest.
    const hours = ['09', '10', '11', '12', '13', '14', '15', '16'];
    const halfHours = Array.from({ length: 22 }, (_, index) => {
      const start = 8 * 60 + index * 30;
      const time = (minutes: number) =>
        `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
      return `${time(start)}-${time(start + 30)}`;
    });
    const days = {
      'Dana Whitfield': hours.map((hour) => `${hour}:00-${Number(hour) + 1}:00`),
      'Ravi Longhurst': halfHours,
    };
    const measured: { name: string; slots: number; javaScriptEnabled: boolean; height: number }[] =
      [];
    for (const [name, timeSlots] of Object.entries(days)) {
      const id = await fullDayExpert(name, timeSlots);
      for (const javaScriptEnabled of [true, false]) {
        const { page } = await openPage(javaScriptEnabled, { viewport: PHONE });
        await visit(page, `${server.url}/experts/${id}`, javaScriptEnabled, 'America/New_York');
        expect(await page.getByRole('radio').count()).toBe(timeSlots.length);
        const height = await bookButtonBottom(page);
        measured.push({ name, slots: timeSlots.length, javaScriptEnabled, height });
        await screenshotBoth(
          page,
          `expert-page-${timeSlots.length}-slots-${javaScriptEnabled ? 'js' : 'nojs'}`,
        );
      }
    }
    // And the seeded expert with the most slots on one day (from tomorrow on: today's may be over).
    const tomorrow = dayFromNow(1);
    const [seeded, busiest] = server.experts
      .flatMap((expert) => {
        const rules = { timezone: expert.timezone, ...expert.availability };
        const week = slotsForWindow(rules, { days: PAGE_WINDOW_DAYS }, E2E_NOW, NOTHING_BOOKED);
        return groupSlotsByDay(week.map((slot) => ({ ...slot, startsAt: '' })))
          .filter((day) => day.date >= tomorrow)
          .map((day) => [expert, day] as const);
      })
      .reduce((best, next) => (next[1].slots.length > best[1].slots.length ? next : best));
    const seededId = await expertIdByName(server.url, seeded.name);
    for (const javaScriptEnabled of [true, false]) {
      const { page } = await openPage(javaScriptEnabled, { viewport: PHONE });
      const url = `${server.url}/experts/${seededId}?day=${busiest.date}`;
      await visit(page, url, javaScriptEnabled, 'America/New_York');
      const height = await bookButtonBottom(page);
      const slots = busiest.slots.length;
      measured.push({ name: seeded.name, slots, javaScriptEnabled, height });
    }
    await mkdir('test-results', { recursive: true });
    await writeFile(
      path.join('test-results', 'expert-page-heights.json'),
      JSON.stringify(measured, null, 2),
    );
    for (const { slots, height } of measured) {
      // Two screens (780 px each) for a working day; the longest day may take a little more.
      expect(height).toBeLessThanOrEqual(slots <= hours.length ? 1600 : 2000);
    }
  });
});

describe("the viewer's time zone", { timeout: 90_000 }, () => {
  it("with JavaScript, comes from the browser: each free slot shows the viewer's time beside the expert's", async () => {
    const seed = server.experts.find((expert) => expert.timezone === 'America/Los_Angeles')!;
    const { id, expert, days } = await lookUp(seed);
    const { page, problems } = await openPage(true, { timezoneId: 'Asia/Tokyo' });
    await visit(page, `${server.url}/experts/${id}`, true, 'Asia/Tokyo');
    const day = days.find((candidate) => candidate.date === chooseDay(days))!;
    for (const slot of day.slots.filter((candidate) => candidate.available)) {
      const local = formatViewerStart(slot.startsAt, slot.date, 'Asia/Tokyo');
      // Tokyo is 17 hours ahead of Los Angeles: the next day, and the label says so.
      expect(local).toMatch(/^\w{3} \d{1,2} \w{3}, \d\d:\d\d$/);
      await page
        .getByRole('radio', { name: `${slot.timeSlot.replace('-', '–')} Free ${local} your time` })
        .waitFor();
    }
    expect(await page.getByRole('combobox', { name: 'Your time zone' }).count()).toBe(0);
    expect(expert.timezone).toBe('America/Los_Angeles');
    await screenshotBoth(page, 'expert-page-viewer-zone-js');
    expect(problems).toEqual([]);
  });

  it('without JavaScript, is UTC until the person picks one, which a cookie remembers', async () => {
    const seed = server.experts.find((expert) => expert.timezone === 'America/Los_Angeles')!;
    const { id, days } = await lookUp(seed);
    const { page, problems } = await openPage(false, { timezoneId: 'Asia/Tokyo' });
    await page.goto(`${server.url}/experts/${id}`);
    const day = days.find((candidate) => candidate.date === chooseDay(days))!;
    const slot = day.slots.find((candidate) => candidate.available)!;
    const label = (zone: string) =>
      `${slot.timeSlot.replace('-', '–')} Free ${formatViewerStart(slot.startsAt, slot.date, zone)} your time`;

    const select = page.getByRole('combobox', { name: 'Your time zone' });
    expect(await select.inputValue()).toBe('UTC');
    await page.getByRole('radio', { name: label('UTC') }).waitFor();
    const regions = await select
      .locator('optgroup')
      .evaluateAll((groups) => groups.map((group) => group.getAttribute('label')));
    expect(regions.slice(0, 3)).toEqual(['Other', 'Africa', 'America']);
    expect(regions).toContain('Europe');

    await select.selectOption('Pacific/Kiritimati');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/tz=Pacific%2FKiritimati/);
    await page.getByRole('radio', { name: label('Pacific/Kiritimati') }).waitFor();
    expect(label('Pacific/Kiritimati')).toMatch(/Free \w{3} \d{1,2} \w{3}, \d\d:\d\d your time$/);
    // The chosen day stays chosen.
    expect(await currentDay(page)).toBe(day.date);

    await page.goto(`${server.url}/experts/${id}`);
    expect(await select.inputValue()).toBe('Pacific/Kiritimati');
    await page.getByRole('radio', { name: label('Pacific/Kiritimati') }).waitFor();
    await screenshotBoth(page, 'expert-page-viewer-zone-nojs');
    expect(problems).toEqual([]);
  });
});
