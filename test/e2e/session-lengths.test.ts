import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';

import type { AvailabilityInput } from '../../shared/schemas/availability';
import type { Expert, Slot } from '../../shared/schemas/expert';
import { formatDay, formatShortDay, formatTimeSlot } from '../../shared/format';
import { groupSlotsByDay } from '../../shared/time/slot-days';
import { sessionMinutesOf } from '../../shared/time/slot-length';
import { PAGE_WINDOW_DAYS } from '../../shared/time/slot-window';
import { bookThroughApi } from '../support/e2e-api';
import { bookingFormChecksLoaded } from '../support/e2e-booking-form';
import { collectProblems, screenshotBoth } from '../support/e2e-browser';
import { createExpert, dayFromNow, everyDay, workdayHours } from '../support/builders';
import { E2E_ADMIN_TOKEN, useE2eApp } from '../support/e2e-server';
import { createUser, signIn } from '../support/sign-in';

/**
 * An expert who offers several session lengths, with buffers, in headless Chromium with
 * JavaScript on and off: choose a length, then a day, then a time, and book. With JavaScript the
 * length changes in place (no new document); without, each length is a page of its own. The
 * booked session's buffer keeps the next slot taken. Days come from the API's answer on the
 * app's fixed clock, never from today's date.
 */

const { server, browser } = await useE2eApp();

const contexts: BrowserContext[] = [];
afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
});

const axeSource = await readFile(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

const VIEWER_ZONE = 'America/New_York';

/** Working days in Berlin, 30-minute sessions by default, an hour and an hour and a half too. */
const RULES: AvailabilityInput = {
  timezone: 'Europe/Berlin',
  sessionMinutes: 30,
  extraSessionMinutes: [60, 90],
  startEveryMinutes: 30,
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 15,
  minimumNoticeMinutes: 0,
  horizonDays: 30,
  weeklyHours: {
    ...workdayHours([{ start: '09:00', end: '17:00' }]),
    saturday: [{ start: '10:00', end: '14:00' }],
  },
  overrides: [],
};

/** An expert stored in the database, whose rules are then set through the JSON API as an admin. */
async function expertWithRules(name: string, rules: AvailabilityInput): Promise<string> {
  const expert = await createExpert({ name, timezone: rules.timezone });
  const response = await fetch(`${server.url}/api/experts/${expert.id}/availability`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${E2E_ADMIN_TOKEN}` },
    body: JSON.stringify(rules),
  });
  expect(response.status).toBe(200);
  return expert.id;
}

/** The expert's first week of one length, as the API answers it. */
async function weekOf(id: string, sessionMinutes: number): Promise<Expert> {
  const response = await fetch(
    `${server.url}/api/experts/${id}?days=${PAGE_WINDOW_DAYS}&sessionMinutes=${sessionMinutes}`,
  );
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: Expert }).data;
}

async function openPage(javaScriptEnabled: boolean) {
  const context = await browser.newContext({
    javaScriptEnabled,
    timezoneId: VIEWER_ZONE,
    viewport: { width: 1280, height: 900 },
  });
  contexts.push(context);
  const page = await context.newPage();
  return { page, problems: collectProblems(page) };
}

async function visit(page: Page, url: string, javaScriptEnabled: boolean) {
  await page.goto(url);
  if (javaScriptEnabled) await bookingFormChecksLoaded(page);
}

function lengthLinks(page: Page) {
  return page.getByRole('list', { name: 'Session length' }).getByRole('link');
}

async function currentLength(page: Page): Promise<string[]> {
  return page
    .getByRole('list', { name: 'Session length' })
    .locator('a[aria-current="page"]')
    .allTextContents();
}

async function shownSlots(page: Page): Promise<string[]> {
  return page
    .getByRole('radio')
    .evaluateAll((radios) => (radios as HTMLInputElement[]).map((radio) => radio.value));
}

/** `2030-03-06` → `Wed 6 Mar`, as the day row names a day. */
function dayName(date: string): string {
  const instant = new Date(`${date}T12:00:00Z`);
  const weekday = new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone: 'UTC' });
  const dayMonth = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
  return `${weekday.format(instant)} ${dayMonth.format(instant)}`;
}

interface AxeResults {
  violations: { id: string; nodes: { html: string }[] }[];
}

/**
 * axe-core's verdict on the page for the given rules: the ids and elements that fail. It needs
 * the page's JavaScript (its checks wait on timers); the markup it checks is the same without.
 */
async function axeViolations(page: Page, rules: string[]): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async (runOnly) => {
    const { axe } = window as unknown as {
      axe: { run(context: Document, options: { runOnly: string[] }): Promise<AxeResults> };
    };
    const result = await axe.run(document, { runOnly });
    return result.violations.flatMap((violation) =>
      violation.nodes.map((node) => `${violation.id}: ${node.html}`),
    );
  }, rules);
}

describe.each([
  { javaScriptEnabled: true, label: 'with JavaScript', shots: 'js', dayIndex: 2 },
  { javaScriptEnabled: false, label: 'without JavaScript', shots: 'nojs', dayIndex: 3 },
])(
  'choosing a length, a day and a time, $label',
  { timeout: 90_000 },
  ({ javaScriptEnabled, shots, dayIndex }) => {
    it('books the chosen length, whose buffer keeps the next slot taken', async () => {
      const id = await expertWithRules(`Lena Lengths ${shots}`, RULES);
      const { page, problems } = await openPage(javaScriptEnabled);
      await visit(page, `${server.url}/experts/${id}`, javaScriptEnabled);

      // The length comes first: the default one listed and marked, the others a link away.
      expect(await lengthLinks(page).allTextContents()).toEqual([
        '30 minutes',
        '60 minutes',
        '90 minutes',
      ]);
      expect(await currentLength(page)).toEqual(['30 minutes']);
      await page.getByRole('heading', { name: 'Book a 30-minute session' }).waitFor();
      const thirty = await weekOf(id, 30);
      expect(await shownSlots(page)).toEqual(
        groupSlotsByDay(thirty.slots)
          .find((day) => day.free > 0)!
          .slots.map((slot) => `${slot.date}T${slot.timeSlot}`),
      );
      if (javaScriptEnabled) {
        expect(await axeViolations(page, ['label-content-name-mismatch', 'target-size'])).toEqual(
          [],
        );
      }

      const documents: string[] = [];
      page.on('request', (request) => {
        if (request.resourceType() === 'document') documents.push(request.url());
      });
      await page.getByRole('link', { name: '60 minutes' }).click();
      await page.waitForURL((url) => url.searchParams.get('sessionMinutes') === '60');
      await page.getByRole('heading', { name: 'Book a 60-minute session' }).waitFor();
      expect(await currentLength(page)).toEqual(['60 minutes']);
      const hour = await weekOf(id, 60);
      const days = groupSlotsByDay(hour.slots);
      expect(hour.window.sessionLengths).toEqual([30, 60, 90]);
      await screenshotBoth(page, `session-lengths-${shots}`);

      // Then a day, a little way along the row (from the API's answer), which keeps the length.
      const day = days.slice(dayIndex).find((candidate) => candidate.free > 0)!;
      await page.getByRole('link', { name: new RegExp(`^${dayName(day.date)},`) }).click();
      await page.waitForURL((url) => url.searchParams.get('day') === day.date);
      await page.getByRole('group', { name: formatDay(day.date) }).waitFor();
      expect(new URL(page.url()).searchParams.get('sessionMinutes')).toBe('60');
      expect(await shownSlots(page)).toEqual(
        day.slots.map((slot) => `${slot.date}T${slot.timeSlot}`),
      );
      if (javaScriptEnabled) {
        // Instant: the length through the loader's data, the day from what the page has.
        expect(documents).toEqual([]);
      } else {
        expect(documents).toHaveLength(2);
      }

      // Then a time: the first free one, an hour long.
      const slot = day.slots.find((candidate) => candidate.available)!;
      await page
        .getByRole('radio', { name: new RegExp(`^${formatTimeSlot(slot.timeSlot)} Free`) })
        .check();
      await page.getByLabel('Name', { exact: true }).fill('Ada Lovelace');
      await page.getByLabel('Phone', { exact: true }).fill('+44 20 7946 0958');
      await page
        .getByLabel('Email', { exact: true })
        .fill(`lengths-${shots}-${Date.now().toString(36)}@example.com`);
      await page.getByRole('button', { name: 'Book this slot' }).click();
      await page.waitForURL(/\/bookings\/[0-9a-f]{24}\?token=/);
      await page.getByRole('heading', { name: 'Your session is booked' }).waitFor();
      const details = await page.locator('.details').innerText();
      expect(details).toContain(`${formatTimeSlot(slot.timeSlot)}\n60 minutes`);
      if (javaScriptEnabled) {
        expect(await axeViolations(page, ['label-content-name-mismatch', 'target-size'])).toEqual(
          [],
        );
      }
      await screenshotBoth(page, `session-lengths-booked-${shots}`);

      // Moving it offers slots of its own length.
      const manage = new URL(page.url());
      manage.searchParams.set('step', 'reschedule');
      await page.goto(manage.toString());
      await page.getByRole('heading', { name: 'Choose a new time' }).waitFor();
      await page.getByText('60-minute sessions.').waitFor();
      const offered = await shownSlots(page);
      expect(offered.length).toBeGreaterThan(0);
      expect(offered.every((value) => sessionMinutesOf(value.slice(11)) === 60)).toBe(true);

      // The hour and its 15 minutes after are held: the next slot starting at its end is taken,
      // in this length and in the others; the first one after the buffer is free.
      const end = (slots: Slot[], minutes: number) =>
        slots.find(
          (candidate) =>
            Date.parse(candidate.startsAt) === Date.parse(slot.startsAt) + minutes * 60_000,
        )!;
      await visit(
        page,
        `${server.url}/experts/${id}?sessionMinutes=60&day=${day.date}`,
        javaScriptEnabled,
      );
      const after = (await weekOf(id, 60)).slots;
      const next = end(after, 60);
      const later = end(after, 90);
      expect(next).toMatchObject({ available: false, reason: 'booked' });
      expect(later).toMatchObject({ available: true });
      await page
        .getByRole('radio', { name: `${formatTimeSlot(next.timeSlot)} Booked`, disabled: true })
        .waitFor();
      expect(
        await page
          .getByRole('radio', { name: new RegExp(`^${formatTimeSlot(later.timeSlot)} Free`) })
          .isEnabled(),
      ).toBe(true);

      await page.getByRole('link', { name: '30 minutes' }).click();
      await page.waitForURL((url) => !url.searchParams.has('sessionMinutes'));
      await page.getByRole('heading', { name: 'Book a 30-minute session' }).waitFor();
      // The chosen day stays when it offers this length too.
      expect(new URL(page.url()).searchParams.get('day')).toBe(day.date);
      const short = (await weekOf(id, 30)).slots;
      const nextShort = end(short, 60);
      expect(nextShort).toMatchObject({ available: false, reason: 'booked' });
      await page
        .getByRole('radio', { name: `${formatTimeSlot(nextShort.timeSlot)} Booked` })
        .waitFor();
      expect(
        await page
          .getByRole('radio', {
            name: new RegExp(`^${formatTimeSlot(end(short, 90).timeSlot)} Free`),
          })
          .isEnabled(),
      ).toBe(true);
      expect(problems).toEqual([]);
    });
  },
);

describe('lengths and limits', { timeout: 90_000 }, () => {
  it('offers no choice for one length, and says "Day full" once the day is at its limit', async () => {
    const id = await expertWithRules('Dora Daily', {
      ...RULES,
      sessionMinutes: 60,
      extraSessionMinutes: [],
      maxSessionsPerDay: 1,
    });
    const week = await weekOf(id, 60);
    const day = groupSlotsByDay(week.slots).find((candidate) => candidate.free > 1)!;
    // The day's first slot booked; its last one stays clear of that booking and its buffer.
    const free = day.slots.filter((slot) => slot.available);
    const [first, last] = [free[0], free.at(-1)];
    await bookThroughApi(server.url, {
      expertId: id,
      date: first!.date,
      timeSlot: first!.timeSlot,
    });

    const { page, problems } = await openPage(true);
    await visit(page, `${server.url}/experts/${id}?day=${day.date}`, true);
    expect(await page.getByRole('list', { name: 'Session length' }).count()).toBe(0);
    await page.getByRole('heading', { name: 'Book a 60-minute session' }).waitFor();
    await page.getByRole('radio', { name: `${formatTimeSlot(last!.timeSlot)} Day full` }).waitFor();
    expect(await page.getByRole('radio', { name: /Free/ }).count()).toBe(0);
    await page.getByRole('link', { name: `${dayName(day.date)}, full` }).waitFor();
    expect(await axeViolations(page, ['label-content-name-mismatch'])).toEqual([]);

    // A length the expert does not offer leads to the default one.
    await page.goto(`${server.url}/experts/${id}?sessionMinutes=45&day=${day.date}`);
    expect(new URL(page.url()).search).toBe(`?day=${day.date}`);
    await page.getByRole('heading', { name: 'Book a 60-minute session' }).waitFor();
    expect(problems).toEqual([]);
  });
});

describe.each([
  { javaScriptEnabled: true, label: 'with JavaScript', shots: 'js' },
  { javaScriptEnabled: false, label: 'without JavaScript', shots: 'nojs' },
])('the availability editor, $label', { timeout: 90_000 }, ({ javaScriptEnabled, shots }) => {
  it('sets more lengths, a start step, buffers and a daily limit, previewed and then offered', async () => {
    // Hour-long sessions, 09:00 to 12:00 every day, in UTC.
    const expert = await createExpert({
      name: `Edna Editor ${shots}`,
      availability: everyDay(['09:00-12:00']),
    });
    const user = await createUser({ role: 'expert', expertId: expert.id });
    const { page, problems } = await openPage(javaScriptEnabled);
    await signIn(page, user, { baseUrl: server.url, redirectTo: '/console/availability' });
    await page.getByRole('heading', { name: 'Your availability' }).waitFor();

    // A length already offered is named next to its field (the browser lets it through).
    await page.getByRole('button', { name: 'Add a length' }).click();
    const first = page.getByLabel('Extra length 1 (minutes)');
    await first.fill('60');
    await page.getByRole('button', { name: 'Save availability' }).click();
    const message = '60 minutes is already offered.';
    const summary = page.getByRole('alert').filter({ hasText: 'One thing to fix before saving' });
    await summary.getByRole('link', { name: message }).waitFor();
    expect(await first.getAttribute('aria-invalid')).toBe('true');
    expect(await first.inputValue()).toBe('60');
    await page.locator('.interval').filter({ has: first }).getByText(message).waitFor();
    if (javaScriptEnabled) await screenshotBoth(page, 'console-availability-lengths-errors');

    await first.fill('30');
    await page.getByRole('button', { name: 'Add a length' }).click();
    await page.getByLabel('Extra length 2 (minutes)').fill('90');
    expect(await first.inputValue()).toBe('30');
    await page.getByLabel('Start every (minutes)').fill('30');
    await page.getByLabel('Buffer after (minutes)').fill('15');
    await page.getByLabel('Sessions per day').fill('3');
    const preview = page.getByRole('region', { name: 'The next 7 days' });
    if (javaScriptEnabled) {
      await preview
        .getByText('30, 60 and 90-minute sessions, in UTC time, with your changes')
        .waitFor();
    }
    await page.getByRole('button', { name: 'Save availability' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await preview.getByText('30, 60 and 90-minute sessions, in UTC time, as clients').waitFor();
    // Tomorrow, each length on its own line, started every half hour.
    const tomorrow = preview
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: formatShortDay(dayFromNow(1)) }) });
    expect(await tomorrow.getByRole('heading', { level: 4 }).allTextContents()).toEqual([
      '60 minutes',
      '30 minutes',
      '90 minutes',
    ]);
    await tomorrow.getByText('10:30–12:00').waitFor();
    expect(await page.getByLabel('Sessions per day').inputValue()).toBe('3');
    if (javaScriptEnabled) await screenshotBoth(page, 'console-availability-lengths');

    // The public page asks for the length first.
    await visit(page, `${server.url}/experts/${expert.id}`, javaScriptEnabled);
    expect(await lengthLinks(page).allTextContents()).toEqual([
      '30 minutes',
      '60 minutes',
      '90 minutes',
    ]);
    expect(problems).toEqual([]);
  });
});
