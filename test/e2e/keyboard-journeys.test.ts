import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { SAVED_NOTICE } from '../../app/components/console/availability-editor';
import { quoted } from '../../app/utils/quoted';
import type { Availability } from '../../shared/schemas/availability';
import { formatDay, formatTimeSlot } from '../../shared/format';
import { createExpert } from '../support/builders';
import { bookThroughApi, expertIdByName, getExpert } from '../support/e2e-api';
import { openTestPage } from '../support/e2e-browser';
import { useE2eApp } from '../support/e2e-server';
import { createUser, signIn } from '../support/sign-in';

/**
 * Every journey by keyboard alone, as issue 20 walks them, with JavaScript on and off. After each
 * page load only keys are pressed (Tab, Shift+Tab, Enter, Space, arrows); each step checks what a
 * keyboard or screen-reader user meets: where focus is, the page's title, and what the page's
 * live region says. With JavaScript no step loads a new document. The focus model these steps
 * follow is docs/decisions/016-focus-model.md.
 */

const { server, browser } = await useE2eApp();

const MAX_TABS = 80;

/** What the profile page says after a save, in its status and its live region. */
const PROFILE_SAVED = 'Saved. The public catalogue shows the new profile now.';

/** A short account of the focused element, for a failing assertion to show. */
function describeFocus(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return 'the page itself (<body>)';
    const text = (element.getAttribute('aria-label') ?? element.textContent ?? '').trim();
    return `<${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}> "${text.slice(0, 80)}"`;
  });
}

async function hasFocus(target: Locator): Promise<boolean> {
  if ((await target.count()) !== 1) return false;
  return target.evaluate((element) => element === document.activeElement);
}

/** Waits until `target` has focus; on failure, says what had it instead. */
async function expectFocus(page: Page, target: Locator): Promise<void> {
  await expect
    .poll(async () => ((await hasFocus(target)) ? 'focused' : await describeFocus(page)), {
      timeout: 5_000,
    })
    .toBe('focused');
}

/** After a page load: nothing has focus, the reader starts at the top. */
async function expectFocusAtTop(page: Page): Promise<void> {
  expect(await describeFocus(page)).toBe('the page itself (<body>)');
}

/**
 * Presses Tab (or Shift+Tab) until `target` has focus, as a keyboard user would, and returns how
 * many presses it took.
 */
async function tabTo(
  page: Page,
  target: Locator,
  { backwards = false, max = MAX_TABS }: { backwards?: boolean; max?: number } = {},
): Promise<number> {
  const visited: string[] = [];
  for (let presses = 1; presses <= max; presses += 1) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    if (await hasFocus(target)) return presses;
    visited.push(await describeFocus(page));
  }
  throw new Error(`${max} Tabs never reached ${target.toString()}; passed ${visited.join(', ')}`);
}

function liveRegion(page: Page): Promise<string> {
  return page.locator('#live-announcer').innerText();
}

/** Counts the document loads of a page from now on: with JavaScript, none is expected. */
function countDocuments(page: Page): { readonly count: number } {
  const documents: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'document') documents.push(request.url());
  });
  return {
    get count() {
      return documents.length;
    },
  };
}

/** A search term that finds more than one page (ten) of the seeded experts. */
function searchTermOfTwoPages(): string {
  const names = server.experts.map((expert) => expert.name.toLowerCase());
  const term = ['an', 'ar', 'er', 'e', 'a'].find(
    (candidate) => names.filter((name) => name.includes(candidate)).length > 10,
  );
  if (!term) throw new Error('No search term finds two pages of experts.');
  return term;
}

/** The name of the first listed day other than the one shown that has a free slot. */
async function anotherFreeDay(page: Page): Promise<Locator> {
  const days = page.locator('.day-row a:not([aria-current])').filter({ hasText: 'free' });
  const label = await days.first().getAttribute('aria-label');
  if (!label) throw new Error('No other day has a free slot.');
  return page.getByRole('link', { name: label, exact: true });
}

describe.each([
  { javaScriptEnabled: false, label: 'without JavaScript' },
  { javaScriptEnabled: true, label: 'with JavaScript' },
])('every journey by keyboard alone $label', { timeout: 180_000 }, ({ javaScriptEnabled }) => {
  /** Waits for the page a key press led to; without JavaScript that is a new document. */
  async function arrived(page: Page, url: (url: URL) => boolean) {
    await page.waitForURL(url);
    if (!javaScriptEnabled) await page.waitForLoadState('load');
  }

  async function expectFocusAfterChange(page: Page, target: Locator) {
    if (javaScriptEnabled) await expectFocus(page, target);
    else await expectFocusAtTop(page);
  }

  /**
   * Follows a link of the booking page to one of its steps: the title names the step first, and
   * the step's heading has focus (with JavaScript; without, the new page starts at the top).
   */
  async function openStep(page: Page, link: string, step: string, title: string, heading: string) {
    await tabTo(page, page.getByRole('link', { name: link }));
    await page.keyboard.press('Enter');
    await arrived(page, (url) => url.searchParams.get('step') === step);
    await expect.poll(() => page.title()).toBe(title);
    await expectFocusAfterChange(page, page.getByRole('heading', { name: heading }));
  }

  /**
   * After a save: with JavaScript focus stays on `target` and the live region says `notice`;
   * without, the page that loads starts at the top and its region says nothing.
   */
  async function expectSaved(page: Page, target: Locator, notice: string) {
    await expectFocusAfterChange(page, target);
    if (javaScriptEnabled) await expect.poll(() => liveRegion(page)).toBe(notice);
    else expect(await liveRegion(page)).toBe('');
  }

  it('finds an expert, books a slot, moves the booking to another day and cancels it', async () => {
    const { page, problems } = await openTestPage(browser, { javaScriptEnabled });
    const term = searchTermOfTwoPages();

    // The list.
    await page.goto(`${server.url}/experts`);
    const documents = countDocuments(page);
    expect(await page.title()).toBe('Experts · Expert Booking');
    await expectFocusAtTop(page);

    // Search: typed with JavaScript (the list follows as the person types), sent with Enter
    // without it. First a name nobody has: with JavaScript, the page's live region says so.
    const search = page.getByRole('searchbox', { name: 'Search by name' });
    await tabTo(page, search);
    await page.keyboard.type('Zyxw');
    if (!javaScriptEnabled) await page.keyboard.press('Enter');
    await arrived(page, (url) => url.searchParams.get('search') === 'Zyxw');
    await page.getByRole('heading', { name: 'No experts found' }).waitFor();
    await expect.poll(() => page.title()).toBe(`Experts: ${quoted('Zyxw')} · Expert Booking`);
    if (javaScriptEnabled) {
      expect(await hasFocus(search)).toBe(true);
      await expect.poll(() => liveRegion(page)).toBe('No experts found.');
    } else {
      await expectFocusAtTop(page);
      await tabTo(page, search);
    }

    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(term);
    if (!javaScriptEnabled) await page.keyboard.press('Enter');
    await arrived(page, (url) => url.searchParams.get('search') === term);
    await expect.poll(() => page.title()).toBe(`Experts: ${quoted(term)} · Expert Booking`);
    if (javaScriptEnabled) expect(await hasFocus(search)).toBe(true);
    else await expectFocusAtTop(page);
    // The last search's "No experts found." is cleared by an effect after the new title is drawn.
    await expect.poll(() => liveRegion(page)).toBe('');

    // Page 2: focus goes to the results' heading, which names the page.
    await tabTo(page, page.getByRole('link', { name: 'Next' }));
    await page.keyboard.press('Enter');
    await arrived(page, (url) => url.searchParams.get('page') === '2');
    await expect
      .poll(() => page.title())
      .toBe(`Experts: ${quoted(term)} (page 2) · Expert Booking`);
    const resultsHeading = page.getByRole('heading', { name: /^Experts, page 2 of \d+$/ });
    await expectFocusAfterChange(page, resultsHeading);

    // The first expert of page 2: one Tab from the results' heading.
    const firstCard = page.getByRole('article').first().getByRole('link');
    const expertName = (await firstCard.innerText()).trim();
    const session = `Session with ${expertName} · Expert Booking`;
    const tabs = await tabTo(page, firstCard);
    if (javaScriptEnabled) expect(tabs).toBe(1);
    await page.keyboard.press('Enter');
    await arrived(page, (url) => url.pathname.startsWith('/experts/'));
    await expect.poll(() => page.title()).toBe(`Choose a time: ${session}`);
    await expectFocusAfterChange(page, page.getByRole('heading', { name: expertName, level: 1 }));

    // Another day: with JavaScript focus stays on the day link just followed.
    const day = await anotherFreeDay(page);
    await tabTo(page, day);
    await page.keyboard.press('Enter');
    await arrived(page, (url) => url.searchParams.has('day'));
    await expect.poll(() => day.getAttribute('aria-current')).toBe('page');
    if (javaScriptEnabled) expect(await hasFocus(day)).toBe(true);
    else await expectFocusAtTop(page);

    // A time: the slots are one Tab stop, arrows move between them.
    const freeSlots = page.getByRole('radio', { name: /Free/ });
    await tabTo(page, freeSlots.first());
    if ((await freeSlots.count()) > 1) {
      await page.keyboard.press('ArrowRight');
      await expectFocus(page, freeSlots.nth(1));
    }
    await page.keyboard.press('Space');
    const chosen = page.locator('input[type=radio]:checked');
    expect(await hasFocus(chosen)).toBe(true);
    const [date = '', timeSlot = ''] = ((await chosen.getAttribute('value')) ?? '').split('T');

    // The form.
    await tabTo(page, page.getByLabel('Name', { exact: true }), { max: 8 });
    await page.keyboard.type('Kay Board');
    await tabTo(page, page.getByLabel('Phone', { exact: true }), { max: 2 });
    await page.keyboard.type('+44 20 7946 0958');
    await tabTo(page, page.getByLabel('Email', { exact: true }), { max: 2 });
    await page.keyboard.type(`kay-${javaScriptEnabled ? 'js' : 'nojs'}@example.com`);
    await tabTo(page, page.getByRole('button', { name: 'Book this slot' }), { max: 3 });
    await page.keyboard.press('Enter');

    // Booked: the confirmation's heading has focus (with JavaScript; a new page without).
    await arrived(page, (url) => /^\/bookings\/[0-9a-f]{24}$/.test(url.pathname));
    await expect.poll(() => page.title()).toBe(`Booked: ${session}`);
    const booked = page.getByRole('heading', { name: 'Your session is booked', level: 1 });
    await expectFocusAfterChange(page, booked);
    expect(await liveRegion(page)).toBe('');
    expect(await page.getByText(formatDay(date)).count()).toBeGreaterThan(0);
    expect(await page.getByText(formatTimeSlot(timeSlot)).count()).toBeGreaterThan(0);

    // Reschedule: the step's title has focus.
    await openStep(page, 'Reschedule', 'reschedule', `Reschedule: ${session}`, 'Choose a new time');

    // Another day than the first listed (issue 20, row 1).
    const newDay = await anotherFreeDay(page);
    await tabTo(page, newDay);
    await page.keyboard.press('Enter');
    await arrived(page, (url) => url.searchParams.has('day'));
    await expect.poll(() => newDay.getAttribute('aria-current')).toBe('page');
    await expectFocusAfterChange(page, newDay);
    expect(await page.title()).toBe(`Reschedule: ${session}`);

    const newSlot = page.getByRole('radio', { name: /Free/ }).first();
    await tabTo(page, newSlot);
    await page.keyboard.press('Space');
    const target = ((await newSlot.getAttribute('value')) ?? '').split('T');
    const [newDate = '', newTime = ''] = target;
    await tabTo(page, page.getByRole('button', { name: 'Continue' }), { max: 3 });
    await page.keyboard.press('Enter');

    // Confirm the move.
    await arrived(page, (url) => url.searchParams.get('step') === 'confirm-reschedule');
    await expect.poll(() => page.title()).toBe(`Confirm the move: ${session}`);
    await expectFocusAfterChange(page, page.getByRole('heading', { name: 'Move your booking?' }));
    await tabTo(page, page.getByRole('button', { name: 'Move my booking' }));
    await page.keyboard.press('Enter');

    // Moved: focus on the booking's heading, the new time announced.
    await arrived(page, (url) => !url.searchParams.has('step'));
    await expect.poll(() => page.title()).toBe(`Moved: ${session}`);
    await expectFocusAfterChange(page, booked);
    await expect
      .poll(() => liveRegion(page))
      .toBe(
        javaScriptEnabled
          ? `Your booking is moved to ${formatDay(newDate)}, ${formatTimeSlot(newTime)}.`
          : '',
      );

    // Cancel, with a reason.
    await openStep(page, 'Cancel booking', 'cancel', `Cancel: ${session}`, 'Cancel this booking?');
    expect(await liveRegion(page)).toBe('');
    await tabTo(page, page.getByRole('textbox', { name: /^Reason/ }));
    await page.keyboard.type('Plans changed.');
    await tabTo(page, page.getByRole('button', { name: 'Yes, cancel my booking' }), { max: 2 });
    await page.keyboard.press('Enter');

    // Cancelled.
    await arrived(page, (url) => !url.searchParams.has('step'));
    await expect.poll(() => page.title()).toBe(`Cancelled: ${session}`);
    await expectFocusAfterChange(
      page,
      page.getByRole('heading', { name: 'This booking is cancelled', level: 1 }),
    );

    if (javaScriptEnabled) expect(documents.count).toBe(0);
    expect(problems).toEqual([]);
  });

  it('gets past a refused booking by its error summary', async () => {
    const { page, problems } = await openTestPage(browser, { javaScriptEnabled });
    const expertName = server.experts[4]!.name;
    const id = await expertIdByName(server.url, expertName);
    const expert = await getExpert(server.url, id);
    const [taken, free] = expert.slots.filter((slot) => slot.available);
    if (!taken || !free || taken.date !== free.date) throw new Error('Expected two free slots.');

    await page.goto(`${server.url}/experts/${id}?day=${taken.date}`);
    const documents = countDocuments(page);
    const choose = `Choose a time: Session with ${expertName} · Expert Booking`;
    expect(await page.title()).toBe(choose);
    await tabTo(page, page.getByRole('radio', { name: /Free/ }).first());
    await page.keyboard.press('Space');
    await tabTo(page, page.getByLabel('Name', { exact: true }), { max: 8 });
    await page.keyboard.type('Kay Board');
    await tabTo(page, page.getByLabel('Phone', { exact: true }), { max: 2 });
    await page.keyboard.type('+44 20 7946 0958');
    await tabTo(page, page.getByLabel('Email', { exact: true }), { max: 2 });
    await page.keyboard.type('kay@example.com');
    // Someone else takes the slot over the JSON API just before the person presses Book.
    await bookThroughApi(
      server.url,
      { expertId: id, date: taken.date, timeSlot: taken.timeSlot },
      'Somebody Faster',
    );
    await tabTo(page, page.getByRole('button', { name: 'Book this slot' }), { max: 3 });
    await page.keyboard.press('Enter');

    // With JavaScript the live update has already cleared the taken choice and said why, and the
    // browser's check refuses the empty choice; without, the server refuses the taken slot.
    // Either way the summary has focus, and its entry leads to the slots.
    if (!javaScriptEnabled) await page.waitForLoadState('load');
    const summary = page.locator('.form-alert').filter({
      hasText: 'Please check the field marked below.',
    });
    await expectFocus(page, summary);
    await expect.poll(() => page.title()).toBe(`Error: ${choose}`);
    await tabTo(page, summary.getByRole('link', { name: /^Day and time: / }), { max: 1 });
    await page.keyboard.press('Enter');
    await expectFocus(page, page.getByRole('group', { name: 'Choose a day and a time' }));
    await tabTo(page, page.getByRole('radio', { name: /Free/ }).first());
    await page.keyboard.press('Space');
    await tabTo(page, page.getByRole('button', { name: 'Book this slot' }), { max: 8 });
    await page.keyboard.press('Enter');
    await arrived(page, (url) => url.pathname.startsWith('/bookings/'));
    const booked = page.getByRole('heading', { name: 'Your session is booked', level: 1 });
    await expectFocusAfterChange(page, booked);
    await expect
      .poll(() => page.title())
      .toBe(`Booked: Session with ${expertName} · Expert Booking`);
    expect(await page.getByText(formatTimeSlot(free.timeSlot)).count()).toBeGreaterThan(0);

    if (javaScriptEnabled) expect(documents.count).toBe(0);
    expect(problems).toEqual([]);
  });

  it('signs in after a wrong password, and confirms a booking in the console', async () => {
    const index = javaScriptEnabled ? 6 : 7;
    const expertName = server.experts[index]!.name;
    const id = await expertIdByName(server.url, expertName);
    const user = await createUser({ role: 'expert', expertId: id, name: expertName });
    const slot = (await getExpert(server.url, id)).slots.find((candidate) => candidate.available);
    if (!slot) throw new Error(`${expertName} has no free slot.`);
    const clientName = `Konsole Client ${javaScriptEnabled ? 'js' : 'nojs'}`;
    await bookThroughApi(
      server.url,
      { expertId: id, date: slot.date, timeSlot: slot.timeSlot },
      clientName,
    );

    const { page, problems } = await openTestPage(browser, { javaScriptEnabled });
    await page.goto(`${server.url}/login?redirectTo=${encodeURIComponent('/console')}`);
    const documents = countDocuments(page);
    expect(await page.title()).toBe('Sign in · Expert Booking');
    await expectFocusAtTop(page);

    const email = page.getByRole('textbox', { name: 'Email' });
    await tabTo(page, email);
    await page.keyboard.type(user.email);
    await tabTo(page, page.getByLabel('Password'), { max: 1 });
    await page.keyboard.type('not the password');
    await page.keyboard.press('Enter');

    // Refused: the summary has focus, with JavaScript and without; the next Tab is the email.
    const summary = page.locator('.form-alert').filter({ hasText: 'We could not sign you in.' });
    await expectFocus(page, summary);
    await expect.poll(() => page.title()).toBe('Error: Sign in · Expert Booking');
    expect(await summary.innerText()).toContain('Email or password is not right.');
    await tabTo(page, email, { max: 1 });
    await tabTo(page, page.getByLabel('Password'), { max: 1 });
    await page.keyboard.type(user.password);
    await page.keyboard.press('Enter');

    // The console.
    await arrived(page, (url) => url.pathname === '/console');
    await expect.poll(() => page.title()).toBe('Bookings · Console · Expert Booking');
    await expectFocusAfterChange(page, page.getByRole('heading', { name: 'Bookings', level: 1 }));

    const rowName = `${clientName}, ${formatDay(slot.date)} ${formatTimeSlot(slot.timeSlot)}`;
    await tabTo(page, page.getByRole('button', { name: `Confirm ${rowName}` }));
    await page.keyboard.press('Enter');
    const consoleStatus = page.locator('.console-status');
    await expect.poll(() => consoleStatus.innerText()).toBe(`Confirmed: ${rowName}.`);
    const row = page.getByRole('row').filter({ hasText: clientName });
    await row.getByText('Confirmed', { exact: true }).waitFor();
    if (javaScriptEnabled) {
      // The pressed button is gone: focus is on the row's session, not back at the top.
      await expectFocus(page, row.getByRole('rowheader'));
      expect(documents.count).toBe(0);
    } else {
      // The answer is a new page, which starts at the result.
      await expectFocus(page, consoleStatus);
    }
    expect(problems).toEqual([]);
  });

  it('adds and removes hours, saves with Enter in a field, and fixes an error in the availability editor', async () => {
    const label = javaScriptEnabled ? 'js' : 'nojs';
    const expert = await createExpert({ name: `Keyed Availability ${label}` });
    const user = await createUser({ role: 'expert', expertId: expert.id });
    const { page, problems } = await openTestPage(browser, { javaScriptEnabled });
    await signIn(page, user, { baseUrl: server.url, redirectTo: '/console/availability' });
    await page.goto(`${server.url}/console/availability`);
    if (javaScriptEnabled) {
      await page.locator('form#availability[data-checks="browser"]').waitFor({ state: 'attached' });
    }
    const documents = countDocuments(page);
    const title = 'Your availability · Console · Expert Booking';
    expect(await page.title()).toBe(title);
    await expectFocusAtTop(page);
    expect(await liveRegion(page)).toBe('');
    const tuesdayHours = page.getByRole('button', { name: /^Remove Tuesday, hours \d+$/ });
    const before = await tuesdayHours.count();
    const added = before + 1;

    // Add hours: focus goes to the new hours' first field, with JavaScript and without.
    await tabTo(page, page.getByRole('button', { name: 'Add hours to Tuesday' }));
    await page.keyboard.press('Enter');
    if (!javaScriptEnabled) await page.waitForLoadState('load');
    const addedFrom = page.getByLabel(`Tuesday, hours ${added}: from`);
    await expectFocus(page, addedFrom);
    expect(await page.title()).toBe(title);
    await expect
      .poll(() => liveRegion(page))
      .toBe(javaScriptEnabled ? `Tuesday, hours ${added} added, from 09:00 until 17:00.` : '');

    // Remove them again: focus goes to Add, as no hours follow.
    await tabTo(page, page.getByRole('button', { name: `Remove Tuesday, hours ${added}` }), {
      max: 2,
    });
    await page.keyboard.press('Enter');
    if (!javaScriptEnabled) await page.waitForLoadState('load');
    await expectFocus(page, page.getByRole('button', { name: 'Add hours to Tuesday' }));
    expect(await tuesdayHours.count()).toBe(before);
    expect(await page.title()).toBe(title);
    await expect
      .poll(() => liveRegion(page))
      .toBe(javaScriptEnabled ? `Tuesday, hours ${added} removed.` : '');

    // Enter in a field saves (issue 20, broken path 3).
    const notice = page.getByLabel('Minimum notice (minutes)');
    await tabTo(page, notice);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('90');
    await page.keyboard.press('Enter');
    const saved = page.getByRole('status').filter({ hasText: SAVED_NOTICE });
    await arrived(page, (url) => url.searchParams.has('saved'));
    await saved.waitFor();
    await expect
      .poll(async () => (await storedAvailability(expert.id)).minimumNoticeMinutes)
      .toBe(90);
    expect(await tuesdayHours.count()).toBe(before);
    expect(await page.title()).toBe(title);
    await expectSaved(page, notice, SAVED_NOTICE);

    // An error: the summary has focus and the title says so; its link leads to the field.
    const until = page.getByLabel('Monday, hours 1: until');
    await tabTo(page, until);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('08:00');
    await page.keyboard.press('Enter');
    if (!javaScriptEnabled) await page.waitForLoadState('load');
    const summary = page.getByRole('alert').filter({ hasText: /to fix before saving/ });
    await expectFocus(page, summary);
    await expect.poll(() => page.title()).toBe(`Error: ${title}`);
    // The summary is an alert, read as it appears; the region keeps its last news, unchanged.
    expect(await liveRegion(page)).toBe(javaScriptEnabled ? SAVED_NOTICE : '');
    await tabTo(page, summary.getByRole('link').first(), { max: 1 });
    await page.keyboard.press('Enter');
    await expectFocus(page, until);

    // Fixed: with JavaScript the message goes as the field is corrected, and the title with it,
    // and Tab goes on from the field; without, the next save says it.
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('10:00');
    if (javaScriptEnabled) {
      await expect.poll(() => summary.count()).toBe(0);
      await expect.poll(() => page.title()).toBe(title);
      await page.keyboard.press('Tab');
      await expectFocus(page, page.getByRole('button', { name: 'Remove Monday, hours 1' }));
    }

    // Save, by the Save button a few Shift+Tabs above; with JavaScript focus stays on it.
    const save = page.getByRole('button', { name: 'Save availability' });
    await tabTo(page, save, { backwards: true });
    await page.keyboard.press('Enter');
    if (!javaScriptEnabled) await page.waitForLoadState('load');
    await saved.waitFor();
    expect(await page.title()).toBe(title);
    expect(await summary.count()).toBe(0);
    await expectSaved(page, save, SAVED_NOTICE);
    if (javaScriptEnabled) expect(documents.count).toBe(0);
    expect((await storedAvailability(expert.id)).minimumNoticeMinutes).toBe(90);
    expect(problems).toEqual([]);
  });

  it('finds an expert in the admin’s console, saves their profile, then their availability', async () => {
    const name = `Keyed Admin Expert ${javaScriptEnabled ? 'js' : 'nojs'}`;
    const expert = await createExpert({ name });
    const admin = await createUser({ role: 'admin' });
    const { page, problems } = await openTestPage(browser, { javaScriptEnabled });
    await signIn(page, admin, { baseUrl: server.url, redirectTo: '/console' });
    await page.goto(`${server.url}/console`);
    const documents = countDocuments(page);
    expect(await page.title()).toBe('Bookings · Console · Expert Booking');
    await expectFocusAtTop(page);

    // The experts: the console's own navigation.
    await tabTo(
      page,
      page.getByRole('navigation', { name: 'Console' }).getByRole('link', {
        name: 'Experts',
      }),
    );
    await page.keyboard.press('Enter');
    await arrived(page, (url) => url.pathname === '/console/experts');
    await expect.poll(() => page.title()).toBe('Experts · Console · Expert Booking');
    await expectFocusAfterChange(page, page.getByRole('heading', { name: 'Experts', level: 1 }));
    expect(await liveRegion(page)).toBe('');

    // Searched by name, sent with Enter.
    const search = page.getByRole('searchbox', { name: 'Name' });
    await tabTo(page, search);
    await page.keyboard.type(name);
    await page.keyboard.press('Enter');
    await arrived(page, (url) => url.searchParams.get('search') === name);
    await page.getByRole('link', { name: `Availability of ${name}` }).waitFor();
    await expect.poll(() => page.title()).toBe('Experts · Console · Expert Booking');
    await expectFocusAfterChange(page, search);
    expect(await liveRegion(page)).toBe('');

    // The expert's profile, saved as it is: with JavaScript focus stays on Save and the page's
    // live region says it.
    await tabTo(page, page.getByRole('link', { name, exact: true }));
    await page.keyboard.press('Enter');
    await arrived(page, (url) => url.pathname === `/console/experts/${expert.id}`);
    await expect.poll(() => page.title()).toBe(`${name} · Console · Expert Booking`);
    await expectFocusAfterChange(page, page.getByRole('heading', { name, level: 1 }));
    expect(await liveRegion(page)).toBe('');
    const saveProfile = page.getByRole('button', { name: 'Save profile' });
    await tabTo(page, saveProfile);
    await page.keyboard.press('Enter');
    await arrived(page, (url) => url.searchParams.has('saved'));
    await page.getByRole('status').filter({ hasText: PROFILE_SAVED }).waitFor();
    expect(await page.title()).toBe(`${name} · Console · Expert Booking`);
    await expectSaved(page, saveProfile, PROFILE_SAVED);

    // The expert's availability: its heading has focus, its title names the expert.
    await tabTo(page, page.getByRole('link', { name: 'Edit availability' }), { backwards: true });
    await page.keyboard.press('Enter');
    await arrived(page, (url) => url.pathname === `/console/experts/${expert.id}/availability`);
    const title = `Availability of ${name} · Console · Expert Booking`;
    await expect.poll(() => page.title()).toBe(title);
    await expectFocusAfterChange(
      page,
      page.getByRole('heading', { name: `Availability of ${name}`, level: 1 }),
    );
    expect(await liveRegion(page)).toBe('');
    if (javaScriptEnabled) {
      await page.locator('form#availability[data-checks="browser"]').waitFor({ state: 'attached' });
    }

    // A new minimum notice, saved by the Save button.
    await tabTo(page, page.getByLabel('Minimum notice (minutes)'));
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('45');
    const save = page.getByRole('button', { name: 'Save availability' });
    await tabTo(page, save, { backwards: true });
    await page.keyboard.press('Enter');
    await arrived(page, (url) => url.searchParams.has('saved'));
    await page.getByRole('status').filter({ hasText: SAVED_NOTICE }).waitFor();
    expect(await page.title()).toBe(title);
    await expectSaved(page, save, SAVED_NOTICE);
    if (javaScriptEnabled) expect(documents.count).toBe(0);
    expect((await storedAvailability(expert.id)).minimumNoticeMinutes).toBe(45);
    expect(problems).toEqual([]);
  });
});

/** The availability an expert's public API shows: what a save stored. */
async function storedAvailability(expertId: string): Promise<Availability> {
  const response = await fetch(`${server.url}/api/experts/${expertId}/availability`);
  return ((await response.json()) as { data: Availability }).data;
}
