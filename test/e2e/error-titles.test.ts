import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { formatDay, formatTimeSlot } from '../../shared/format';
import { createExpert, dayFromNow } from '../support/builders';
import { bookThroughApi } from '../support/e2e-api';
import { openTestPage } from '../support/e2e-browser';
import { useE2eApp } from '../support/e2e-server';
import { createUser, signIn } from '../support/sign-in';

/**
 * A page that shows a refused form says so first in its title, "Error: …" (issue 20, rows 9 and
 * 12; WCAG 2.4.2), with JavaScript on and off, and says it no more once the person moves on. The
 * booking form, sign-in and the availability editor are walked by keys in keyboard-journeys;
 * these are the other forms: moving a booking, a sign-in link, a console row.
 */

const { server, browser } = await useE2eApp();

let people = 0;

/** A client of a name of their own, so that their console row can be told from the others. */
function bookAs(expertId: string, date: string, timeSlot: string) {
  people += 1;
  return bookThroughApi(server.url, { expertId, date, timeSlot }, `Titled Client ${people}`);
}

/**
 * An expert whose console shows one pending booking at 14:00–15:00, `daysAhead` days from now:
 * the expert's login and the row's name, as its Confirm button says it.
 */
async function expertWithPendingRow(name: string, daysAhead: number) {
  const expert = await createExpert({ name });
  const user = await createUser({ role: 'expert', expertId: expert.id });
  const date = dayFromNow(daysAhead);
  const booking = await bookAs(expert.id, date, '14:00-15:00');
  return { user, row: `${booking.name}, ${formatDay(date)} ${formatTimeSlot('14:00-15:00')}` };
}

/** With JavaScript, waits until the page is hydrated, so a press goes through the app's script. */
async function ready(page: Page, javaScriptEnabled: boolean): Promise<void> {
  if (javaScriptEnabled) await page.waitForFunction(() => '__remixRouter' in window);
}

describe.each([
  { javaScriptEnabled: false, label: 'without JavaScript' },
  { javaScriptEnabled: true, label: 'with JavaScript' },
])('the title of a refused form $label', { timeout: 60_000 }, ({ javaScriptEnabled }) => {
  it('starts with "Error:" when a booking cannot move to a slot just taken', async () => {
    const expert = await createExpert({ name: `Titled Expert ${javaScriptEnabled ? 'js' : 'no'}` });
    const date = dayFromNow(2);
    const booking = await bookAs(expert.id, date, '09:00-10:00');
    const { page, problems } = await openTestPage(browser, { javaScriptEnabled });
    await page.goto(
      `${server.url}${booking.manageUrl}&step=confirm-reschedule&slot=${date}T10:00-11:00`,
    );
    await ready(page, javaScriptEnabled);
    const session = `Session with ${expert.name} · Expert Booking`;
    expect(await page.title()).toBe(`Confirm the move: ${session}`);

    // Someone else takes the new slot first.
    await bookAs(expert.id, date, '10:00-11:00');
    await page.getByRole('button', { name: 'Move my booking' }).press('Enter');
    const refusal = page.getByRole('alert').filter({ hasText: /already booked/ });
    await refusal.waitFor();
    await expect.poll(() => page.title()).toBe(`Error: Confirm the move: ${session}`);

    // Back to the booking: its own title, no error.
    await page.getByRole('link', { name: 'Back to my booking' }).press('Enter');
    await page.getByRole('heading', { name: 'Your session is booked' }).waitFor();
    await expect.poll(() => page.title()).toBe(`Booked: ${session}`);
    expect(await page.getByText(formatTimeSlot('09:00-10:00')).count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it('starts with "Error:" when a sign-in link does not work', async () => {
    const { page, problems } = await openTestPage(browser, { javaScriptEnabled });
    await page.goto(`${server.url}/login/link?token=${'x'.repeat(43)}`);
    await ready(page, javaScriptEnabled);
    expect(await page.title()).toBe('Sign in with a link · Expert Booking');
    await page.getByRole('button', { name: 'Sign in' }).press('Enter');
    await page.getByRole('alert').filter({ hasText: /\w/ }).waitFor();
    await expect.poll(() => page.title()).toBe('Error: Sign in with a link · Expert Booking');
    expect(problems).toEqual([]);
  });
});

describe('the title of a refused console row with JavaScript', () => {
  it('starts with "Error:" while the row says why, until the page moves on', async () => {
    const { user, row } = await expertWithPendingRow('Titled Live Console Expert', 4);
    const { page, problems } = await openTestPage(browser);
    // The live updates would take the row's Confirm away as soon as another tab confirms; with
    // their connection cut, the row stays as it was drawn, as it does for a second or so on a
    // slow line.
    await page.routeWebSocket(/\/socket\.io\//, (socket) => socket.close());
    await signIn(page, user, { baseUrl: server.url, redirectTo: '/console' });
    await ready(page, true);
    const confirm = page.getByRole('button', { name: `Confirm ${row}` });

    const other = await browser.newContext({ javaScriptEnabled: false });
    const otherPage = await other.newPage();
    await signIn(otherPage, user, { baseUrl: server.url, redirectTo: '/console' });
    await otherPage.getByRole('button', { name: `Confirm ${row}` }).press('Enter');
    await otherPage
      .locator('.console-status')
      .filter({ hasText: `Confirmed: ${row}.` })
      .waitFor();
    await other.close();

    await confirm.press('Enter');
    await page.getByRole('row').filter({ hasText: 'already Confirmed' }).waitFor();
    await expect.poll(() => page.title()).toBe('Error: Bookings · Console · Expert Booking');
    await page
      .getByRole('navigation', { name: 'Console' })
      .getByRole('link', { name: 'Availability' })
      .press('Enter');
    await page.getByRole('heading', { name: 'Your availability', level: 1 }).waitFor();
    await expect.poll(() => page.title()).toBe('Your availability · Console · Expert Booking');
    expect(problems).toEqual([]);
  });
});

describe('the title of a refused console row without JavaScript', () => {
  it('starts with "Error:" when the booking was confirmed meanwhile in another tab', async () => {
    const { user, row } = await expertWithPendingRow('Titled Console Expert', 3);
    const { context, page, problems } = await openTestPage(browser, { javaScriptEnabled: false });
    await signIn(page, user, { baseUrl: server.url, redirectTo: '/console' });
    const confirm = page.getByRole('button', { name: `Confirm ${row}` });
    await confirm.waitFor();

    // The same console in another tab confirms it first.
    const other = await context.newPage();
    await other.goto(`${server.url}/console`);
    await other.getByRole('button', { name: `Confirm ${row}` }).press('Enter');
    await other
      .locator('.console-status')
      .filter({ hasText: `Confirmed: ${row}.` })
      .waitFor();

    await confirm.press('Enter');
    await page.waitForLoadState('load');
    await page.locator('.console-status').filter({ hasText: 'already Confirmed' }).waitFor();
    expect(await page.title()).toBe('Error: Bookings · Console · Expert Booking');
    expect(problems).toEqual([]);
  });
});
