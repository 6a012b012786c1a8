import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { FORM_EXPIRED } from '../../shared/form-expired';
import { formatDay, formatTimeSlot } from '../../shared/format';
import { bookThroughApi, expertIdByName } from '../support/e2e-api';
import { collectProblems, screenshotBoth } from '../support/e2e-browser';
import { E2E_ADMIN_TOKEN, useE2eApp } from '../support/e2e-server';
import {
  createUser,
  postSignedInForm,
  signIn,
  signInForFetch,
  type TestUser,
} from '../support/sign-in';

/**
 * The expert's side of a booking, in Chromium with JavaScript off and on: a client books through
 * the public page, the expert signs in, sees it in the console and confirms it, and the client's
 * private page says Confirmed. An expert reaches no other expert's bookings, by address or by a
 * forged form; a signed-out visitor is sent to sign in and brought back. With JavaScript, a
 * booking made while the console is open appears without a reload and is announced.
 */

const { server, browser } = await useE2eApp();

const contexts: BrowserContext[] = [];
afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
});

async function newPage(javaScriptEnabled: boolean): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ javaScriptEnabled });
  contexts.push(context);
  const page = await context.newPage();
  return { page, problems: collectProblems(page) };
}

async function expertAt(index: number): Promise<{ id: string; name: string }> {
  const { name } = server.experts[index]!;
  return { id: await expertIdByName(server.url, name), name };
}

/** A client books the first free slot on the expert's public page; answers its private page. */
async function bookOnPublicPage(page: Page, expertId: string, name: string) {
  await page.goto(`${server.url}/experts/${expertId}`);
  const radio = page.getByRole('radio', { name: /Free/ }).first();
  const [date = '', timeSlot = ''] = ((await radio.getAttribute('value')) ?? '').split('T');
  await radio.check();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Email', { exact: true }).fill(`${name.replace(/\W/g, '.')}@example.com`);
  await page.getByLabel('Phone', { exact: true }).fill('+44 20 7946 0958');
  await page.getByRole('button', { name: 'Book this slot' }).click();
  await page.waitForURL(/\/bookings\/[0-9a-f]{24}\?token=[\w-]{32}$/);
  return { manageUrl: page.url(), date, timeSlot };
}

/** Someone books the expert's first free slot of the coming fortnight through the JSON API. */
async function bookFirstFree(expertId: string, name: string) {
  const slots = await fetch(`${server.url}/api/experts/${expertId}?days=14`);
  const { data } = (await slots.json()) as {
    data: { slots: { date: string; timeSlot: string; available: boolean }[] };
  };
  const free = data.slots.find((slot) => slot.available)!;
  return bookThroughApi(server.url, { expertId, date: free.date, timeSlot: free.timeSlot }, name);
}

async function statusOf(bookingId: string): Promise<string> {
  const response = await fetch(`${server.url}/api/bookings/${bookingId}`, {
    headers: { authorization: `Bearer ${E2E_ADMIN_TOKEN}` },
  });
  return ((await response.json()) as { data: { status: string } }).data.status;
}

function row(page: Page, clientName: string) {
  return page.getByRole('row').filter({ hasText: clientName });
}

function liveRegion(page: Page) {
  return page.getByRole('status').filter({ has: page.locator('span') });
}

describe.each([
  { javaScriptEnabled: false, label: 'without JavaScript', shots: 'nojs', experts: [20, 21] },
  { javaScriptEnabled: true, label: 'with JavaScript', shots: 'js', experts: [22, 23] },
])('the console $label', { timeout: 120_000 }, ({ javaScriptEnabled, shots, experts }) => {
  let own: { id: string; name: string };
  let other: { id: string; name: string };
  let expert: TestUser;

  beforeAll(async () => {
    [own, other] = (await Promise.all(experts.map(expertAt))) as [typeof own, typeof other];
    expert = await createUser({ role: 'expert', expertId: own.id, name: own.name });
  });

  it('shows the expert a booking made on the public page; confirming it reaches the client', async () => {
    const client = await newPage(javaScriptEnabled);
    const clientName = `Clara Client ${shots}`;
    const booked = await bookOnPublicPage(client.page, own.id, clientName);

    const console = await newPage(javaScriptEnabled);
    await signIn(console.page, expert, { baseUrl: server.url });
    await console.page.getByRole('heading', { name: 'Bookings', level: 1 }).waitFor();
    const clientRow = row(console.page, clientName);
    await clientRow.waitFor();
    expect(await clientRow.innerText()).toContain(formatDay(booked.date));
    expect(await clientRow.innerText()).toContain(formatTimeSlot(booked.timeSlot));
    expect(await clientRow.getByText('Pending', { exact: true }).count()).toBe(1);

    const documents: string[] = [];
    console.page.on('request', (request) => {
      if (request.resourceType() === 'document') documents.push(request.url());
    });
    await clientRow.getByRole('button', { name: `Confirm ${clientName}` }).click();
    const done = `Confirmed: ${clientName}, ${formatDay(booked.date)} ${formatTimeSlot(booked.timeSlot)}.`;
    await liveRegion(console.page).filter({ hasText: done }).waitFor();
    await row(console.page, clientName).getByText('Confirmed', { exact: true }).waitFor();
    // With JavaScript the page stayed; without, the form's answer is the page.
    expect(documents).toHaveLength(javaScriptEnabled ? 0 : 1);
    if (javaScriptEnabled) {
      // The pressed button is gone: focus went to the row, not back to the top of the page.
      expect(
        await console.page.evaluate(() => document.activeElement?.getAttribute('data-label')),
      ).toBe('Session');
    }

    await screenshotBoth(console.page, `console-bookings-${shots}`);

    await client.page.goto(booked.manageUrl);
    await client.page.getByRole('heading', { name: 'Your session is confirmed' }).waitFor();
    expect(await client.page.locator('.badge').innerText()).toBe('Confirmed');
    expect([...client.problems, ...console.problems]).toEqual([]);
  });

  it('keeps another expert’s bookings out of reach, by address and by a forged form', async () => {
    const theirs = await bookFirstFree(other.id, `Olga Other ${shots}`);
    const { page, problems } = await newPage(javaScriptEnabled);
    await signIn(page, expert, { baseUrl: server.url });

    const byAddress = await page.goto(`${server.url}/console?expert=${other.id}`);
    expect(byAddress?.status()).toBe(404);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();

    const mine = await bookFirstFree(own.id, `Mona Mine ${shots}`);
    await page.goto(`${server.url}/console`);
    expect(await page.getByText(`Olga Other ${shots}`).count()).toBe(0);
    const mineRow = row(page, `Mona Mine ${shots}`);
    // Live updates revalidate the page once joined; let that settle so the row is not
    // rendered afresh (and its hidden field reset) between the forgery and the click.
    if (javaScriptEnabled) await page.getByText('Live: new bookings appear').waitFor();
    const answer = page.waitForResponse(
      (response) => response.request().method() === 'POST' && response.url().includes('/console'),
    );
    // The row's hidden field now names the other expert's booking, as a forger would make it.
    await mineRow
      .getByRole('button', { name: /^Confirm Mona Mine/ })
      .evaluate((button: HTMLButtonElement, id) => {
        const form = button.form!;
        (form.elements.namedItem('bookingId') as HTMLInputElement).value = id;
        form.requestSubmit(button);
      }, theirs.id);
    expect((await answer).status()).toBe(404);
    await page
      .getByText('There is no such booking among yours.', { exact: false })
      .first()
      .waitFor();
    expect(await statusOf(theirs.id)).toBe('Pending');
    expect(await statusOf(mine.id)).toBe('Pending');
    expect(problems).toEqual([]);
  });

  it('sends a signed-out visitor to sign in, and back to the same view after', async () => {
    const { page } = await newPage(javaScriptEnabled);
    await page.goto(`${server.url}/console?status=Pending`);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(new URL(page.url()).searchParams.get('redirectTo')).toBe('/console?status=Pending');
    await page.getByLabel('Email').fill(expert.email);
    await page.getByLabel('Password').fill(expert.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/console?status=Pending`);
    expect(await page.getByLabel('Status').inputValue()).toBe('Pending');
  });
});

describe('the console: live updates, admins, forms over HTTP', { timeout: 90_000 }, () => {
  it('shows and announces a booking made while it is open, without a reload', async () => {
    const own = await expertAt(24);
    const expert = await createUser({ role: 'expert', expertId: own.id, name: own.name });
    const { page, problems } = await newPage(true);
    await signIn(page, expert, { baseUrl: server.url });
    await page.getByText('Live: new bookings appear here as they are made.').waitFor();

    const documents: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'document') documents.push(request.url());
    });
    const booked = await bookFirstFree(own.id, 'Lia Live');
    await row(page, 'Lia Live').waitFor();
    await liveRegion(page)
      .filter({
        hasText: `New booking: Lia Live on ${formatDay(booked.date)}, ${formatTimeSlot(booked.timeSlot)}`,
      })
      .waitFor();
    expect(documents).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('shows an admin every expert’s bookings, with their expert, and one expert’s on asking', async () => {
    const [first, second] = await Promise.all([expertAt(25), expertAt(26)]);
    await bookFirstFree(first.id, 'Ari Admin-view');
    await bookFirstFree(second.id, 'Bo Admin-view');
    const admin = await createUser({ role: 'admin' });
    const { page, problems } = await newPage(true);
    await signIn(page, admin, { baseUrl: server.url });
    await row(page, 'Ari Admin-view').waitFor();
    expect(await row(page, 'Ari Admin-view').innerText()).toContain(first.name);
    expect(await row(page, 'Bo Admin-view').innerText()).toContain(second.name);
    await screenshotBoth(page, 'console-bookings-admin');

    await page.getByLabel('Expert').selectOption({ label: second.name });
    await page.getByRole('button', { name: 'Show bookings' }).click();
    await page.waitForURL((url) => url.searchParams.get('expert') === second.id);
    // Bo's row was there before: wait for the new table, drawn after the address changes.
    await expect.poll(() => row(page, 'Ari Admin-view').count()).toBe(0);
    await row(page, 'Bo Admin-view').waitFor();
    expect(problems).toEqual([]);
  });

  it('refuses a row action without the session’s CSRF token, changing nothing', async () => {
    const own = await expertAt(27);
    const expert = await createUser({ role: 'expert', expertId: own.id });
    const booking = await bookFirstFree(own.id, 'Cy Csrf');
    const { cookie, csrfToken } = await signInForFetch(server.url, expert);
    const post = (csrf?: string) =>
      postSignedInForm(
        server.url,
        cookie,
        '/console?index',
        new URLSearchParams({
          intent: 'confirm',
          bookingId: booking.id,
          ...(csrf === undefined ? {} : { csrf }),
        }),
      );

    expect((await post()).status).toBe(403);
    const forged = await post('not-the-token');
    expect(forged.status).toBe(403);
    // Said as what it most often is: a page older than the person's sign-in.
    expect(await forged.text()).toContain(FORM_EXPIRED);
    // An error page of the console shows who is signed in: no cache may keep it either.
    expect(forged.headers.get('cache-control')).toBe('private, no-store');
    const notTheirs = await fetch(`${server.url}/console/experts`, { headers: { cookie } });
    expect(notTheirs.status).toBe(403);
    expect(notTheirs.headers.get('cache-control')).toBe('private, no-store');
    // The bookings table as client-side navigation fetches it: clients' names and contacts.
    const table = await fetch(`${server.url}/console?index&_data=routes%2Fconsole._index`, {
      headers: { cookie },
    });
    expect(table.status).toBe(200);
    expect(table.headers.get('cache-control')).toBe('private, no-store');
    expect(await statusOf(booking.id)).toBe('Pending');
    expect((await post(csrfToken)).status).toBe(200);
    expect(await statusOf(booking.id)).toBe('Confirmed');
  });
});
