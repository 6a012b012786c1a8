import type { BrowserContext, Page, Request, Route } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';

import { formatDay, formatShortDay, formatTimeSlot } from '../../shared/format';
import type { SeedExpert } from '../../scripts/seed/catalogue';
import { collectProblems, screenshotBoth } from '../support/e2e-browser';
import { E2E_ADMIN_TOKEN, useE2eApp } from '../support/e2e-server';

/**
 * Live slot updates, end to end: several people have the same expert's page open in headless
 * Chromium (JavaScript on) against the real server, its Socket.io and a seeded database. A booking
 * made by one of them reaches the others without a reload; people looking at another expert see
 * nothing happen.
 */

const { server, browser } = await useE2eApp();

const contexts: BrowserContext[] = [];

afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
});

const VIEWER_ZONE = 'America/New_York';

async function expertId(expert: SeedExpert): Promise<string> {
  const response = await fetch(
    `${server.url}/api/experts?search=${encodeURIComponent(expert.name)}`,
  );
  const { data } = (await response.json()) as { data: { id: string; name: string }[] };
  const found = data.find((candidate) => candidate.name === expert.name);
  if (!found) throw new Error(`No expert named ${expert.name}`);
  return found.id;
}

/** A revalidation of the expert page's loader, as Remix asks for it from the browser. */
function isPageData(url: URL | string): boolean {
  return new URL(url).searchParams.get('_data') === 'routes/experts.$id';
}

interface Viewer {
  page: Page;
  problems: string[];
  /** The idempotency key in the HTML the server first sent. */
  firstRequestKey: string;
}

/**
 * Opens an expert's page in a browser context of its own and waits until it has joined the
 * expert's room: the hook revalidates right after each join, so that revalidation is the sign.
 */
async function openViewer(id: string): Promise<Viewer> {
  const context = await browser.newContext({ timezoneId: VIEWER_ZONE });
  contexts.push(context);
  const page = await context.newPage();
  const problems = collectProblems(page);
  const joined = page.waitForResponse((response) => isPageData(response.url()));
  const document = await page.goto(`${server.url}/experts/${id}`);
  const firstRequestKey = /name="requestKey" value="([^"]+)"/.exec(await document!.text())?.[1];
  expect(firstRequestKey).toBeTruthy();
  await joined;
  return { page, problems, firstRequestKey: firstRequestKey! };
}

function slotRadio(page: Page, slot: { date: string; timeSlot: string }, state: 'Free' | 'Booked') {
  return page
    .getByRole('group', { name: formatDay(slot.date) })
    .getByRole('radio', { name: new RegExp(`^${formatTimeSlot(slot.timeSlot)} ${state}`) });
}

/** Picks the first free slot (on the next day with one, if the day shown is full). */
async function chooseFirstFreeSlot(page: Page) {
  if ((await page.getByRole('radio', { name: /Free/ }).count()) === 0) {
    await page
      .getByRole('link', { name: /, \d+ free$/ })
      .first()
      .click();
  }
  const radio = page.getByRole('radio', { name: /Free/ }).first();
  const value = (await radio.getAttribute('value')) ?? '';
  await radio.check();
  const [date = '', timeSlot = ''] = value.split('T');
  return { date, timeSlot, value };
}

/** Every slot as `value:free` or `value:taken`, and whether it is chosen. */
function slotStates(page: Page): Promise<string[]> {
  return page
    .getByRole('radio')
    .evaluateAll((radios) =>
      (radios as HTMLInputElement[]).map(
        (radio) =>
          `${radio.value}:${radio.disabled ? 'taken' : 'free'}${radio.checked ? ':chosen' : ''}`,
      ),
    );
}

async function fillContact(page: Page, contact: { name?: string; email: string; phone: string }) {
  if (contact.name) await page.getByLabel('Name', { exact: true }).fill(contact.name);
  await page.getByLabel('Email', { exact: true }).fill(contact.email);
  await page.getByLabel('Phone', { exact: true }).fill(contact.phone);
}

/** Books with the button and returns the confirmation's booking id and what was posted. */
async function book(page: Page): Promise<{ bookingId: string; posted: URLSearchParams }> {
  const post = page.waitForRequest((request) => request.method() === 'POST');
  await page.getByRole('button', { name: 'Book this slot' }).click();
  const posted = new URLSearchParams((await post).postData() ?? '');
  await page.waitForURL(/\/bookings\/[0-9a-f]{24}\?token=[\w-]{32}$/);
  await page.getByRole('heading', { name: 'Your session is booked' }).waitFor();
  return { bookingId: new URL(page.url()).pathname.split('/').at(-1)!, posted };
}

function uniqueEmail(label: string): string {
  return `${label}-${Date.now().toString(36)}@example.com`;
}

describe('live slot updates', { timeout: 90_000 }, () => {
  it('a booking in one browser turns the slot taken in another, clears it there and keeps the rest', async () => {
    const [expert, otherExpert] = [server.experts[5]!, server.experts[6]!];
    const [id, otherId] = await Promise.all([expertId(expert), expertId(otherExpert)]);
    const [ann, bea, cai] = await Promise.all([
      openViewer(id),
      openViewer(id),
      openViewer(otherId),
    ]);

    // Ann and Bea both go for the same slot; Bea has started on her details.
    const slot = await chooseFirstFreeSlot(ann.page);
    await bea.page.locator(`input[type="radio"][value="${slot.value}"]`).check();
    await bea.page.getByLabel('Name', { exact: true }).fill('Bea Booker');

    // Cai looks at another expert: his page must not even reload its data.
    const caiBefore = await slotStates(cai.page);
    const caiReloads: Request[] = [];
    cai.page.on('request', (request) => {
      if (isPageData(request.url())) caiReloads.push(request);
    });

    // Bea's revalidations are held back, to see the event alone mark the slot taken.
    const held: Route[] = [];
    await bea.page.route(isPageData, (route) => {
      held.push(route);
    });

    await fillContact(ann.page, {
      name: 'Ann Early',
      email: uniqueEmail('ann'),
      phone: '+1 555 010 1111',
    });
    await book(ann.page);

    const notice = `The ${formatTimeSlot(slot.timeSlot)} slot on ${formatShortDay(slot.date)} was just booked by someone else. Please choose another slot.`;
    await slotRadio(bea.page, slot, 'Booked').waitFor();
    await bea.page.getByRole('status').filter({ hasText: notice }).waitFor();
    // The revalidation the event started is still waiting: all of this came from the event.
    await expect.poll(() => held.length).toBeGreaterThan(0);
    expect(await bea.page.getByRole('status').innerText()).toBe(notice);
    expect(await bea.page.getByRole('radio', { checked: true }).count()).toBe(0);
    expect(await slotRadio(bea.page, slot, 'Booked').isDisabled()).toBe(true);
    expect(await bea.page.getByLabel('Name', { exact: true }).inputValue()).toBe('Bea Booker');
    await screenshotBoth(bea.page, 'live-slot-taken');

    // Now the loader answers, with a fresh idempotency key of its own.
    const loaderKeys: string[] = [];
    const answered = bea.page.waitForResponse((response) => isPageData(response.url()));
    for (const route of held) {
      const response = await route.fetch();
      loaderKeys.push(((await response.json()) as { requestKey: string }).requestKey);
      await route.fulfill({ response });
    }
    await bea.page.unroute(isPageData);
    await answered;
    expect(loaderKeys.every((key) => key !== bea.firstRequestKey)).toBe(true);
    // The loader's news agrees with the live mark, and nothing Bea did is undone.
    expect(await slotRadio(bea.page, slot, 'Booked').isDisabled()).toBe(true);
    expect(await bea.page.getByRole('status').innerText()).toBe(notice);
    expect(await bea.page.getByLabel('Name', { exact: true }).inputValue()).toBe('Bea Booker');
    // The form still names the attempt the page was first rendered with.
    expect(await bea.page.locator('input[name="requestKey"]').inputValue()).toBe(
      bea.firstRequestKey,
    );

    // Bea picks another slot: the notice has done its job and goes.
    const other = await chooseFirstFreeSlot(bea.page);
    expect(other.value).not.toBe(slot.value);
    await bea.page.getByRole('status').filter({ hasText: notice }).waitFor({ state: 'detached' });

    // Her own booking comes back to her page as an event too; it must not be announced as
    // someone else's.
    await bea.page.getByRole('status').evaluate((region) => {
      const seen: string[] = [];
      new MutationObserver(() => seen.push(region.textContent ?? '')).observe(region, {
        childList: true,
        subtree: true,
        characterData: true,
      });
      Object.assign(window, { statusTexts: seen });
    });
    const beaEmail = uniqueEmail('bea');
    await fillContact(bea.page, { email: beaEmail, phone: '+1 555 010 2222' });
    const { bookingId, posted } = await book(bea.page);
    expect(posted.get('slot')).toBe(other.value);
    expect(posted.get('name')).toBe('Bea Booker');
    expect(posted.get('requestKey')).toBe(bea.firstRequestKey);
    expect(
      await bea.page.evaluate(() => (window as unknown as { statusTexts: string[] }).statusTexts),
    ).not.toContainEqual(expect.stringContaining('someone else'));

    // A resubmit of that same form (a retry, a second click) is the same attempt: same booking.
    const retry = await fetch(`${server.url}/experts/${id}`, {
      method: 'POST',
      body: posted,
      redirect: 'manual',
      headers: { origin: server.url },
    });
    expect(retry.status).toBe(303);
    // It lands on the booking's private page, with a fresh token (the first was never stored).
    expect(retry.headers.get('location')).toMatch(
      new RegExp(`^/bookings/${bookingId}\\?token=[\\w-]{32}$`),
    );
    const mine = await fetch(`${server.url}/api/bookings?email=${encodeURIComponent(beaEmail)}`, {
      headers: { authorization: `Bearer ${E2E_ADMIN_TOKEN}` },
    });
    expect(((await mine.json()) as { data: unknown[] }).data).toHaveLength(1);

    // Cai, on another expert, saw nothing: same slots, no notice, no reload.
    expect(await slotStates(cai.page)).toEqual(caiBefore);
    expect(await cai.page.getByRole('status').innerText()).toBe('');
    expect(caiReloads).toEqual([]);

    for (const viewer of [ann, bea, cai]) expect(viewer.problems).toEqual([]);
  });
});
