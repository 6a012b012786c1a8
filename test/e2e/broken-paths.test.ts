import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { Availability } from '../../shared/schemas/availability';
import { formatDay } from '../../shared/format';
import { createExpert, dayFromNow } from '../support/builders';
import { bookThroughApi } from '../support/e2e-api';
import { collectProblems, screenshotBoth } from '../support/e2e-browser';
import { E2E_ADMIN_TOKEN, useE2eApp } from '../support/e2e-server';
import { createUser, signIn } from '../support/sign-in';

/**
 * Three paths that were broken for everyone (issue 20), in Chromium with JavaScript on and off:
 * moving a booking to another day than the first one listed, an admin editing an expert's
 * availability, and Enter in an availability field, which must save and never remove or add.
 */

const { server, browser } = await useE2eApp();

const weekdayFormat = new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone: 'UTC' });
const dayMonthFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});

/** The day link's visible words ("Thu 8 Jan"), which start its accessible name. */
function dayLinkName(date: string): RegExp {
  const instant = new Date(`${date}T12:00:00Z`);
  return new RegExp(`^${weekdayFormat.format(instant)} ${dayMonthFormat.format(instant)},`);
}

async function bookingAsStored(id: string) {
  const response = await fetch(`${server.url}/api/bookings/${id}`, {
    headers: { authorization: `Bearer ${E2E_ADMIN_TOKEN}` },
  });
  return ((await response.json()) as { data: { date: string; timeSlot: string; status: string } })
    .data;
}

async function storedAvailability(expertId: string): Promise<Availability> {
  const response = await fetch(`${server.url}/api/experts/${expertId}/availability`);
  return ((await response.json()) as { data: Availability }).data;
}

/** Counts the full page loads from now on: with JavaScript, following a link must make none. */
function countDocumentLoads(page: Page): { readonly count: number } {
  const loads = { count: 0 };
  page.on('request', (request) => {
    if (request.resourceType() === 'document') loads.count += 1;
  });
  return loads;
}

describe.each([
  { javaScriptEnabled: false, label: 'without JavaScript' },
  { javaScriptEnabled: true, label: 'with JavaScript' },
])('the paths that were broken, $label', { timeout: 90_000 }, ({ javaScriptEnabled, label }) => {
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeEach(async () => {
    context = await browser.newContext({ javaScriptEnabled, timezoneId: 'UTC' });
    page = await context.newPage();
    problems = collectProblems(page);
  });
  afterEach(async () => {
    expect(problems).toEqual([]);
    await context.close();
  });

  it('moves a booking to another day than the first one listed, each step named in the title', async () => {
    const expert = await createExpert({ name: `Moving Expert ${label}` });
    const booking = await bookThroughApi(
      server.url,
      { expertId: expert.id, date: dayFromNow(1), timeSlot: '09:00-10:00' },
      'Ada Lovelace',
    );
    const target = dayFromNow(3);
    const session = `Session with Moving Expert ${label} · Expert Booking`;

    await page.goto(`${server.url}${booking.manageUrl}`);
    expect(await page.title()).toBe(`Booked: ${session}`);
    await page.getByRole('link', { name: 'Reschedule' }).click();
    await page.getByRole('heading', { name: 'Choose a new time' }).waitFor();
    expect(await page.title()).toBe(`Reschedule: ${session}`);
    const days = page.getByRole('list', { name: 'Choose a day and a time' });
    // Today still has a free afternoon, so the first day listed is not the one chosen here.
    expect(await days.getByRole('link').first().getAttribute('aria-current')).toBe('page');
    const targetLink = days.getByRole('link', { name: dayLinkName(target) });
    expect(await targetLink.getAttribute('aria-current')).toBeNull();

    const loads = countDocumentLoads(page);
    await targetLink.click();
    await page.getByRole('group', { name: formatDay(target) }).waitFor();
    expect(await targetLink.getAttribute('aria-current')).toBe('page');
    expect(await page.title()).toBe(`Reschedule: ${session}`);
    if (javaScriptEnabled) expect(loads.count).toBe(0);

    await page.getByRole('radio', { name: /^10:00–11:00 Free/ }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Move your booking?' }).waitFor();
    expect(await page.title()).toBe(`Confirm the move: ${session}`);
    await page.getByRole('button', { name: 'Move my booking' }).click();
    await page.waitForURL(`${server.url}${booking.manageUrl}`);
    await page.getByText(`Moved from ${formatDay(dayFromNow(1))}`).waitFor();
    expect(await page.title()).toBe(`Moved: ${session}`);
    expect(await page.getByRole('main').innerText()).toContain(formatDay(target));
    expect(await bookingAsStored(booking.id)).toMatchObject({
      date: target,
      timeSlot: '10:00-11:00',
      status: 'Pending',
    });

    await page.getByRole('link', { name: 'Cancel booking' }).click();
    await page.getByRole('heading', { name: 'Cancel this booking?' }).waitFor();
    expect(await page.title()).toBe(`Cancel: ${session}`);
    await page.getByRole('button', { name: 'Yes, cancel my booking' }).click();
    await page.getByRole('heading', { name: 'This booking is cancelled' }).waitFor();
    expect(await page.title()).toBe(`Cancelled: ${session}`);

    const wrongLink = booking.manageUrl.replace(/token=[\w-]+/, `token=${'x'.repeat(32)}`);
    await page.goto(`${server.url}${wrongLink}`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    expect(await page.title()).toBe('Error: Booking not found · Expert Booking');
  });

  it('opens an expert’s availability editor for an admin, who saves it', async () => {
    const expert = await createExpert({ name: `Scheduled Expert ${label}` });
    const admin = await createUser({ role: 'admin' });
    await signIn(page, admin, { baseUrl: server.url, redirectTo: `/console/experts/${expert.id}` });

    await page.getByRole('link', { name: 'Edit availability' }).click();
    await page.waitForURL(`${server.url}/console/experts/${expert.id}/availability`);
    await page
      .getByRole('heading', { level: 1, name: `Availability of Scheduled Expert ${label}` })
      .waitFor();
    expect(await page.title()).toBe(
      `Availability of Scheduled Expert ${label} · Console · Expert Booking`,
    );
    // The editor alone: the profile form stays on the profile page.
    expect(await page.getByRole('button', { name: 'Save profile' }).count()).toBe(0);
    expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
    if (javaScriptEnabled) await screenshotBoth(page, 'console-expert-availability');

    await page.getByLabel('Minimum notice (minutes)').fill('45');
    await page.getByRole('button', { name: 'Save availability' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/console/experts/${expert.id}/availability`);
    expect(await page.getByLabel('Minimum notice (minutes)').inputValue()).toBe('45');
    expect((await storedAvailability(expert.id)).minimumNoticeMinutes).toBe(45);
  });

  it('saves on Enter in Minimum notice and never removes or adds a block', async () => {
    const expert = await createExpert({ name: `Entering Expert ${label}` });
    const user = await createUser({ role: 'expert', expertId: expert.id });
    const before = await storedAvailability(expert.id);
    await signIn(page, user, { baseUrl: server.url, redirectTo: '/console/availability' });
    await page.getByRole('heading', { name: 'Your availability' }).waitFor();
    const notice = page.getByLabel('Minimum notice (minutes)');

    // Unchanged: Enter saves the rules as they are.
    await notice.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.getByRole('button', { name: 'Remove Monday, hours 1' }).waitFor();
    expect(await page.getByRole('button', { name: /^Remove Monday, hours/ }).count()).toBe(3);
    expect(await page.getByLabel('Extra length 1 (minutes)').count()).toBe(0);
    expect(await storedAvailability(expert.id)).toEqual(before);

    // Changed: Enter saves the new value, and only that changes.
    await notice.fill('90');
    await notice.press('Enter');
    await expect
      .poll(async () => (await storedAvailability(expert.id)).minimumNoticeMinutes)
      .toBe(90);
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect(await storedAvailability(expert.id)).toEqual({ ...before, minimumNoticeMinutes: 90 });
    expect(await page.getByRole('button', { name: /^Remove Monday, hours/ }).count()).toBe(3);
    expect(await notice.inputValue()).toBe('90');
  });
});
