import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';

import { expertIdByName } from '../support/e2e-api';
import { collectProblems } from '../support/e2e-browser';
import { E2E_ADMIN_TOKEN, useE2eApp } from '../support/e2e-server';
import { createUser, signIn } from '../support/sign-in';

/**
 * The cancellation notice in Chromium with JavaScript off and on: the booking form states the
 * policy; inside the notice the private page shows the deadline instead of the buttons and a
 * change sent from an older page is refused (409) with that sentence; outside it the client
 * cancels; an admin cancels inside it from the console.
 */

const { server, browser } = await useE2eApp();

const contexts: BrowserContext[] = [];
afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
});

async function newPage(
  javaScriptEnabled: boolean,
  timezoneId = 'UTC',
): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ javaScriptEnabled, timezoneId });
  contexts.push(context);
  const page = await context.newPage();
  return { page, problems: collectProblems(page) };
}

/** The seeded expert at `index`, asking for `minutes` of cancellation notice from now on. */
async function expertWithNotice(index: number, minutes: number): Promise<string> {
  const id = await expertIdByName(server.url, server.experts[index]!.name);
  const path = `${server.url}/api/experts/${id}/availability`;
  const current = (await (await fetch(path)).json()) as { data: Record<string, unknown> };
  const saved = await fetch(path, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${E2E_ADMIN_TOKEN}` },
    body: JSON.stringify({ ...current.data, cancellationNoticeMinutes: minutes }),
  });
  expect(saved.status).toBe(200);
  return id;
}

/** Books a free slot (the week's first or last) on the public page; answers the private page. */
async function bookOnPublicPage(
  page: Page,
  expertId: string,
  name: string,
  which: 'first' | 'last',
) {
  await page.goto(`${server.url}/experts/${expertId}`);
  const free = page.getByRole('radio', { name: /Free/ });
  await (which === 'first' ? free.first() : free.last()).check();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Email', { exact: true }).fill(`${name.replace(/\W/g, '.')}@example.com`);
  await page.getByLabel('Phone', { exact: true }).fill('+44 20 7946 0958');
  await page.getByRole('button', { name: 'Book this slot' }).click();
  await page.waitForURL(/\/bookings\/[0-9a-f]{24}\?token=[\w-]{32}$/);
  await page.getByRole('heading', { name: 'Your session is booked' }).waitFor();
  return { manageUrl: page.url(), bookingId: new URL(page.url()).pathname.split('/').at(-1)! };
}

async function bookingOf(id: string) {
  const response = await fetch(`${server.url}/api/bookings/${id}`, {
    headers: { authorization: `Bearer ${E2E_ADMIN_TOKEN}` },
  });
  return (
    (await response.json()) as {
      data: { status: string; cancellableUntil: string | null; reminders: unknown[] };
    }
  ).data;
}

describe.each([
  { javaScriptEnabled: false, label: 'without JavaScript', experts: [30, 31] },
  { javaScriptEnabled: true, label: 'with JavaScript', experts: [32, 33] },
])('the cancellation notice $label', { timeout: 120_000 }, ({ javaScriptEnabled, experts }) => {
  const [insideIndex = 0, outsideIndex = 0] = experts;

  it('inside the notice: the deadline instead of the buttons, and a late change refused with it', async () => {
    const expertId = await expertWithNotice(insideIndex, 7 * 24 * 60);
    // Far from UTC, so a deadline said in another zone than the viewer's would show.
    const { page, problems } = await newPage(javaScriptEnabled, 'Asia/Tokyo');
    await page.goto(`${server.url}/experts/${expertId}`);
    await page
      .getByText(
        'You can cancel or reschedule until 7 days before the session starts; after that, please contact the expert.',
      )
      .waitFor();

    const client = `Nora Notice ${javaScriptEnabled}`;
    const { manageUrl, bookingId } = await bookOnPublicPage(page, expertId, client, 'first');
    const booking = await bookingOf(bookingId);
    expect(booking.cancellableUntil).not.toBeNull();
    const sentence = page.getByText(
      /^Changes were possible until .+ your time; contact the expert\.$/,
    );
    await sentence.waitFor();
    const deadline = await sentence.innerText();
    expect(await page.getByRole('link', { name: 'Cancel booking' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Reschedule' }).count()).toBe(0);

    // A cancel step opened from an older page (a link kept from before): its answer is a 409.
    const answers: number[] = [];
    page.on('response', (response) => {
      if (response.request().method() === 'POST') answers.push(response.status());
    });
    await page.goto(`${manageUrl}&step=cancel`);
    const documents: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'document') documents.push(request.url());
    });
    await page.getByRole('button', { name: 'Yes, cancel my booking' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Changes were possible until' });
    await alert.waitFor();
    // The refusal is read first: focus moves to it, and with JavaScript the page stays put.
    await page.waitForFunction(() =>
      document.activeElement?.closest('[role="alert"]')?.textContent?.includes('Changes were'),
    );
    expect(documents.length > 0).toBe(!javaScriptEnabled);
    // The same deadline, in the same zone, as the page said before the refusal.
    expect(await alert.innerText()).toContain(deadline);
    expect(answers).toContain(409);
    expect(await page.title()).toMatch(/^Error:/);
    expect((await bookingOf(bookingId)).status).toBe('Pending');

    // The admin still can, from the console, with a reason.
    const admin = await createUser({
      role: 'admin',
      email: `admin-${javaScriptEnabled}@example.com`,
    });
    const consolePage = await newPage(javaScriptEnabled);
    await signIn(consolePage.page, admin, { baseUrl: server.url });
    const row = consolePage.page.getByRole('row').filter({ hasText: client });
    await row.waitFor();
    expect(await row.innerText()).toContain('Reminder 1 h before: ');
    await row.getByText('Cancel…').click();
    await row.getByLabel('Reason (required; the client reads it)').fill('The expert is ill.');
    await row.getByRole('button', { name: /^Cancel booking/ }).click();
    await row.getByText('Cancelled', { exact: true }).first().waitFor();
    expect((await bookingOf(bookingId)).status).toBe('Cancelled');
    expect(problems).toEqual([]);
    expect(consolePage.problems).toEqual([]);
  });

  it('outside the notice: the deadline is said, and the client cancels', async () => {
    const expertId = await expertWithNotice(outsideIndex, 60);
    const { page, problems } = await newPage(javaScriptEnabled);
    const client = `Otto Outside ${javaScriptEnabled}`;
    const { bookingId } = await bookOnPublicPage(page, expertId, client, 'last');
    await page
      .getByText(
        /^You can cancel or reschedule until .+ your time; after that, please contact the expert\.$/,
      )
      .waitFor();
    await page
      .getByText(/^We'll remind you on \w{3} \d{1,2} \w{3} at \d{2}:\d{2} \(your time\)\.$/)
      .waitFor();

    await page.getByRole('link', { name: 'Cancel booking' }).click();
    await page.getByRole('button', { name: 'Yes, cancel my booking' }).click();
    await page.getByRole('heading', { name: 'This booking is cancelled' }).waitFor();
    expect((await bookingOf(bookingId)).status).toBe('Cancelled');
    expect(problems).toEqual([]);
  });
});
