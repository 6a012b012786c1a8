import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { formatDay, formatTimeSlot, formatTimeZone } from '../../shared/format';
import type { SeedExpert } from '../../scripts/seed/catalogue';
import { NOTHING_BOOKED, slotsForWindow } from '../../server/services/availability';
import { bookingFormChecksLoaded, bookTakenSlot } from '../support/e2e-booking-form';
import { collectProblems, screenshotBoth } from '../support/e2e-browser';
import { E2E_ADMIN_TOKEN, E2E_NOW, useE2eApp } from '../support/e2e-server';

/**
 * Booking, end to end, in headless Chromium against the real server and a seeded database: the
 * same journey without JavaScript (plain HTML forms) and with it (Conform, live checks), plus
 * what must never happen twice (a double submit, a retry, back-and-resubmit) and a lost race.
 */

const { server, browser } = await useE2eApp();

const VIEWER_ZONE = 'America/New_York';
let emailCounter = 0;

/** A unique address per journey, so each one's "My bookings" shows only its own. */
function uniqueEmail(label: string): string {
  emailCounter += 1;
  return `${label}-${emailCounter}-${Date.now().toString(36)}@example.com`;
}

/** A different seeded expert for each journey, so they never compete for a slot. */
let expertCursor = 0;
function nextExpert(): SeedExpert {
  const expert = server.experts[expertCursor * 7 + 3];
  expertCursor += 1;
  if (!expert) throw new Error('Ran out of seeded experts.');
  return expert;
}

/** The seeded expert's bookable slots over the widest window on the app's clock, soonest first. */
function bookableSlots(expert: SeedExpert) {
  const rules = { timezone: expert.timezone, ...expert.availability };
  return slotsForWindow(rules, { days: 62 }, E2E_NOW, NOTHING_BOOKED).filter(
    (slot) => slot.available,
  );
}

interface ApiBooking {
  id: string;
  expertName: string;
  date: string;
  timeSlot: string;
  status: string;
}

async function api<T>(path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
  const response = await fetch(`${server.url}/api${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...init.headers },
  });
  return { status: response.status, body: (await response.json()) as T };
}

async function bookingsFor(email: string): Promise<ApiBooking[]> {
  const { body } = await api<{ data: ApiBooking[] }>(
    `/bookings?email=${encodeURIComponent(email)}`,
    { headers: { authorization: `Bearer ${E2E_ADMIN_TOKEN}` } },
  );
  return body.data;
}

/** The list link last mailed to `to`, once the outbox worker has written it. */
async function listLinkMailedTo(to: string): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const listed = (await server.mailbox.list()).filter((entry) => entry.to.includes(to));
    // Newest first: the link of the latest "E-mail me my bookings".
    for (const entry of listed) {
      const text = (await server.mailbox.open(entry.id))?.text ?? '';
      const link = /http:\/\/\S+\/bookings\/open\?token=[\w-]{32}/.exec(text)?.[0];
      if (link) return link;
    }
    if (Date.now() > deadline) throw new Error(`No list link was mailed to ${to}.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function expertId(name: string): Promise<string> {
  const { body } = await api<{ data: { id: string; name: string }[] }>(
    `/experts?search=${encodeURIComponent(name)}`,
  );
  const found = body.data.find((expert) => expert.name === name);
  if (!found) throw new Error(`No expert named ${name}`);
  return found.id;
}

async function newPage(javaScriptEnabled: boolean) {
  const context = await browser.newContext({ javaScriptEnabled, timezoneId: VIEWER_ZONE });
  const page = await context.newPage();
  return { context, page, problems: collectProblems(page) };
}

/** Opens an expert's page the way a person would: search the list, follow the card. */
async function openExpertFromList(page: Page, expert: SeedExpert, javaScriptEnabled: boolean) {
  await page.goto(`${server.url}/experts`);
  await page.getByRole('searchbox', { name: 'Search by name' }).fill(expert.name);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('link', { name: expert.name }).click();
  await page.getByRole('heading', { level: 1, name: expert.name }).waitFor();
  if (javaScriptEnabled) {
    // Shown only after hydration; the form is Conform's once its checks have loaded.
    await page.getByText(`yours (${formatTimeZone(VIEWER_ZONE)})`).waitFor();
    await bookingFormChecksLoaded(page);
  }
}

function freeSlots(page: Page) {
  return page.getByRole('radio', { name: /Free/ });
}

/** Picks the first free slot and returns what it stands for. */
async function chooseFirstFreeSlot(page: Page) {
  const radio = freeSlots(page).first();
  const value = (await radio.getAttribute('value')) ?? '';
  await radio.check();
  const [date = '', timeSlot = ''] = value.split('T');
  return { date, timeSlot, value };
}

/** The error message an input is described by (its aria-describedby), as a person hears it. */
async function describedError(page: Page, label: string): Promise<string> {
  const input = page.getByLabel(label, { exact: true });
  expect(await input.getAttribute('aria-invalid')).toBe('true');
  const ids = (await input.getAttribute('aria-describedby')) ?? '';
  const texts = await Promise.all(
    ids
      .split(' ')
      .filter((id) => id.endsWith('-error'))
      .map((id) => page.locator(`[id="${id}"]`).innerText()),
  );
  return texts.join(' ');
}

async function fillContact(page: Page, contact: { name: string; email: string; phone: string }) {
  await page.getByLabel('Name', { exact: true }).fill(contact.name);
  await page.getByLabel('Email', { exact: true }).fill(contact.email);
  await page.getByLabel('Phone', { exact: true }).fill(contact.phone);
}

async function expectConfirmation(
  page: Page,
  expert: SeedExpert,
  slot: { date: string; timeSlot: string },
) {
  await page.waitForURL(/\/bookings\/[0-9a-f]{24}\?token=[\w-]{32}$/);
  await page.getByRole('heading', { name: 'Your session is booked' }).waitFor();
  const details = await page.getByRole('main').innerText();
  expect(details).toContain(expert.name);
  expect(details).toContain(formatDay(slot.date));
  expect(details).toContain(formatTimeSlot(slot.timeSlot));
  expect(details).toContain(formatTimeZone(expert.timezone));
  expect(details).toContain('Pending');
  expect(await page.title()).toBe(`Booked: Session with ${expert.name} · Expert Booking`);
  return new URL(page.url()).pathname.split('/').at(-1)!;
}

describe.each([
  { javaScriptEnabled: false, label: 'without JavaScript', shots: 'nojs' },
  { javaScriptEnabled: true, label: 'with JavaScript', shots: 'js' },
])('booking a slot $label', { timeout: 90_000 }, ({ javaScriptEnabled, shots }) => {
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    ({ context, page, problems } = await newPage(javaScriptEnabled));
  });
  afterAll(async () => {
    await context.close();
  });

  it('shows the errors next to each field, keeps what was typed, then books and confirms', async () => {
    const expert = nextExpert();
    const email = uniqueEmail(shots);
    await openExpertFromList(page, expert, javaScriptEnabled);
    expect(await page.title()).toBe(`Choose a time: Session with ${expert.name} · Expert Booking`);
    await screenshotBoth(page, `expert-detail-${shots}`);

    await page.getByLabel('Name', { exact: true }).fill('A');
    await page.getByLabel('Email', { exact: true }).fill('not-an-email');
    await page.getByLabel('Phone', { exact: true }).fill('12');
    await page.getByLabel('Notes (optional)').fill('Career change advice.');
    const detailUrl = page.url();
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') posts.push(request.url());
    });
    await page.getByRole('button', { name: 'Book this slot' }).click();

    await page.getByText('Please check the 4 fields marked below.').waitFor();
    // Still the expert's page, on the day it showed (without JavaScript the form posts there).
    expect(new URL(page.url()).pathname).toBe(new URL(detailUrl).pathname);
    expect(await describedError(page, 'Name')).toBe('Name must be at least 2 characters.');
    expect(await describedError(page, 'Email')).toBe(
      'Email must be a valid address, like name@example.com.',
    );
    expect(await describedError(page, 'Phone')).toMatch(/^Phone must be 7 to 20 digits/);
    expect(
      await page
        .getByText('Time slot is required: choose one of the free slots.', { exact: true })
        .count(),
    ).toBe(1);
    // Every value survives the round trip (or never left the page).
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('A');
    expect(await page.getByLabel('Email', { exact: true }).inputValue()).toBe('not-an-email');
    expect(await page.getByLabel('Notes (optional)').inputValue()).toBe('Career change advice.');
    // Without JavaScript the server found the errors; with it, the browser did, without a request.
    expect(posts).toHaveLength(javaScriptEnabled ? 0 : 1);
    if (javaScriptEnabled) {
      // Focus goes to the first field in error: the slot picker's first radio.
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe(
        'slot',
      );
    }
    await screenshotBoth(page, `booking-errors-${shots}`);

    const slot = await chooseFirstFreeSlot(page);
    await fillContact(page, { name: 'Grace Hopper', email, phone: '+1 (555) 010-2030' });
    if (javaScriptEnabled) {
      // Corrected fields are re-checked as they are typed: the errors are gone before submitting.
      await page.getByText('Name must be at least 2 characters.').waitFor({ state: 'detached' });
    }
    await page.getByRole('button', { name: 'Book this slot' }).click();

    const bookingId = await expectConfirmation(page, expert, slot);
    await screenshotBoth(page, `booking-confirmation-${shots}`);
    expect((await bookingsFor(email)).map((booking) => booking.id)).toEqual([bookingId]);

    // The browser that booked sees its booking listed without an e-mail round trip.
    await page.getByRole('link', { name: 'My bookings' }).first().click();
    await page.waitForURL(/\/bookings$/);
    await page.getByRole('heading', { name: '1 booking in this browser' }).waitFor();
    const item = page.getByRole('listitem').filter({ hasText: expert.name });
    expect(await item.innerText()).toContain(formatDay(slot.date));
    expect(await item.innerText()).toContain(formatTimeSlot(slot.timeSlot));
    expect(await item.innerText()).toContain('Pending');
    await screenshotBoth(page, `my-bookings-${shots}`);

    // Nothing personal and no way to manage a booking from the list.
    expect(await item.innerText()).not.toContain('Grace Hopper');
    expect(await item.getByRole('link').count()).toBe(0);

    // Back on the expert's page the slot is shown as taken, not hidden, and cannot be chosen.
    await page.goto(`${server.url}/experts/${await expertId(expert.name)}`);
    const taken = page.locator(`input[type="radio"][value="${slot.value}"]`);
    expect(await taken.isDisabled()).toBe(true);
    expect(
      await page.locator(`label[for="${await taken.getAttribute('id')}"]`).innerText(),
    ).toContain('Booked');
    expect(problems).toEqual([]);
  });

  it('a double submit of the same form makes one booking', async () => {
    const expert = nextExpert();
    const email = uniqueEmail(`${shots}-double`);
    await openExpertFromList(page, expert, javaScriptEnabled);
    const slot = await chooseFirstFreeSlot(page);
    await fillContact(page, { name: 'Double Clicker', email, phone: '+44 20 7946 0000' });
    const button = page.getByRole('button', { name: 'Book this slot' });
    if (javaScriptEnabled) {
      // Two submits back to back, before the first answer arrives.
      await page.locator('form#booking-form').evaluate((form: HTMLFormElement) => {
        form.requestSubmit();
        form.requestSubmit();
      });
    } else {
      await button.dblclick();
    }
    const bookingId = await expectConfirmation(page, expert, slot);
    expect((await bookingsFor(email)).map((booking) => booking.id)).toEqual([bookingId]);

    expect((await bookingsFor(email)).map((booking) => booking.id)).toEqual([bookingId]);
    expect(problems).toEqual([]);
  });
});

describe('repeats and races', { timeout: 90_000 }, () => {
  it('a retried POST of the same form returns the same booking, never a second one', async () => {
    const expert = nextExpert();
    const id = await expertId(expert.name);
    const html = await (await fetch(`${server.url}/experts/${id}`)).text();
    const requestKey = /name="requestKey" value="([^"]+)"/.exec(html)?.[1];
    const freeRadio = html
      .match(/<input[^>]*name="slot"[^>]*>/g)
      ?.find((tag) => !tag.includes('disabled'));
    const slot = /value="([^"]+)"/.exec(freeRadio ?? '')?.[1];
    expect(requestKey).toBeTruthy();
    expect(slot).toBeTruthy();
    const email = uniqueEmail('retry');
    const form = new URLSearchParams({
      requestKey: requestKey!,
      slot: slot!,
      name: 'Retry Person',
      email,
      phone: '+1 555 123 4567',
      notes: '',
    });
    const post = () =>
      fetch(`${server.url}/experts/${id}`, {
        method: 'POST',
        body: form,
        redirect: 'manual',
        headers: { origin: server.url },
      });
    const [first, second] = await Promise.all([post(), post()]);
    const third = await post();
    for (const response of [first, second, third]) expect(response.status).toBe(303);
    // Each lands on the same booking's private page; a repeat gets a fresh link of its own, as
    // the first token is stored only as a hash.
    const pages = new Set(
      [first, second, third].map((r) => r.headers.get('location')?.split('?')[0]),
    );
    expect(pages.size).toBe(1);
    for (const response of [first, second, third]) {
      const opened = await fetch(`${server.url}${response.headers.get('location')}`);
      await opened.body?.cancel();
      expect(opened.status).toBe(200);
    }
    expect((await bookingsFor(email)).length).toBe(1);
  });

  it('the same form sent again for another slot is refused with a sentence, not an error page', async () => {
    const expert = nextExpert();
    const id = await expertId(expert.name);
    const html = await (await fetch(`${server.url}/experts/${id}`)).text();
    const requestKey = /name="requestKey" value="([^"]+)"/.exec(html)?.[1];
    const [first, second] = (html.match(/<input[^>]*name="slot"[^>]*>/g) ?? [])
      .filter((tag) => !tag.includes('disabled'))
      .map((tag) => /value="([^"]+)"/.exec(tag)?.[1]);
    expect(requestKey && first && second).toBeTruthy();
    const email = uniqueEmail('reused');
    const post = (slot: string) =>
      fetch(`${server.url}/experts/${id}`, {
        method: 'POST',
        body: new URLSearchParams({
          requestKey: requestKey!,
          slot,
          name: 'Back Button',
          email,
          phone: '+1 555 123 4567',
        }),
        redirect: 'manual',
        headers: { origin: server.url },
      });
    expect((await post(first!)).status).toBe(303);

    const again = await post(second!);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('This form has already made a booking.');
    expect((await bookingsFor(email)).length).toBe(1);
  });

  it('losing a race says the slot is taken, keeps the typed values and refreshes the slots', async () => {
    const expert = nextExpert();
    const { context, page, problems } = await newPage(false);
    await openExpertFromList(page, expert, false);
    const slot = await chooseFirstFreeSlot(page);
    await fillContact(page, {
      name: 'Slow Booker',
      email: uniqueEmail('race'),
      phone: '555 123 4567',
    });

    // Someone else books the same slot first (through the JSON API: the same service).
    const winner = await api('/bookings', {
      method: 'POST',
      body: JSON.stringify({
        expertId: await expertId(expert.name),
        date: slot.date,
        timeSlot: slot.timeSlot,
        name: 'Fast Booker',
        email: uniqueEmail('winner'),
        phone: '555 765 4321',
      }),
    });
    expect(winner.status).toBe(201);

    await bookTakenSlot(page);
    const radio = page.locator(`input[type="radio"][value="${slot.value}"]`);
    expect(await radio.isDisabled()).toBe(true);
    expect(await radio.isChecked()).toBe(false);
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Slow Booker');
    await screenshotBoth(page, 'booking-slot-taken-nojs');
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe.each([
  { javaScriptEnabled: false, label: 'without JavaScript' },
  { javaScriptEnabled: true, label: 'with JavaScript' },
])('my bookings $label', { timeout: 90_000 }, ({ javaScriptEnabled }) => {
  it('lists an address’s bookings only through the link mailed to it, soonest first, once', async () => {
    const email = uniqueEmail('mine');
    // Experts of their own (nextExpert picks every seventh from the fourth): the two runs of
    // this journey would use it up.
    const first = javaScriptEnabled ? 4 : 1;
    const [early, late] = [server.experts[first]!, server.experts[first + 1]!];
    const later = bookableSlots(late).at(-1)!;
    const sooner = bookableSlots(early)[1]!;
    // Booked in the "wrong" order: the later session first.
    const created: ApiBooking[] = [];
    for (const [expert, day] of [
      [late, later],
      [early, sooner],
    ] as const) {
      const answer = await api<{ data: ApiBooking }>('/bookings', {
        method: 'POST',
        body: JSON.stringify({
          expertId: await expertId(expert.name),
          date: day.date,
          timeSlot: day.timeSlot,
          name: 'Mina Park',
          email,
          phone: '+82 2 123 4567',
        }),
      });
      expect(answer.status).toBe(201);
      created.push(answer.body.data);
    }
    const confirmed = await api(`/bookings/${created[0]!.id}/status`, {
      method: 'PATCH',
      body: JSON.stringify({ status: 'Confirmed' }),
      headers: { authorization: `Bearer ${E2E_ADMIN_TOKEN}` },
    });
    expect(confirmed.status).toBe(200);

    const { context, page, problems } = await newPage(javaScriptEnabled);
    // The seed's address shows nothing until the address is proven, not even whether it has
    // bookings: the same page as for an address without any.
    const unproven = async (address: string) => {
      await page.goto(`${server.url}/bookings?email=${encodeURIComponent(address)}`);
      return (await page.getByRole('main').innerText()).replace(address, '<address>');
    };
    expect(await unproven(email)).toBe(await unproven(uniqueEmail('nobody')));
    for (const expert of [early, late]) {
      expect(await page.getByRole('main').innerText()).not.toContain(expert.name);
    }

    await page.goto(`${server.url}/bookings`);
    expect(await page.title()).toBe('My bookings · Expert Booking');
    await page.getByLabel('Email', { exact: true }).fill(email.toUpperCase());
    await page.getByRole('button', { name: 'E-mail me my bookings' }).click();
    await page.getByRole('status').filter({ hasText: 'a link to its bookings' }).waitFor();
    const link = await listLinkMailedTo(email);

    await page.goto(link);
    await page.getByRole('button', { name: 'Show my bookings' }).click();
    await page.getByRole('heading', { name: `2 bookings for ${email}` }).waitFor();
    expect(new URL(page.url()).search).not.toContain('token');
    const items = await page
      .getByRole('region', { name: `2 bookings for ${email}` })
      .getByRole('listitem')
      .allInnerTexts();
    expect(items).toHaveLength(2);
    expect(items[0]).toContain(early.name);
    expect(items[0]).toContain('Pending');
    expect(items[1]).toContain(late.name);
    expect(items[1]).toContain('Confirmed');
    expect(items[1]).toContain(formatDay(later.date));

    // The link works once: a second use (here, or in another browser) shows nothing.
    const other = await newPage(javaScriptEnabled);
    await other.page.goto(link);
    await other.page.getByRole('button', { name: 'Show my bookings' }).click();
    await other.page.getByText('This link has expired or was already used.').waitFor();
    expect(await other.page.getByRole('main').innerText()).not.toContain(early.name);
    await other.context.close();

    // An address without bookings, proven the same way, says so.
    const nobody = uniqueEmail('nobody');
    await page.goto(`${server.url}/bookings`);
    await page.getByLabel('Email', { exact: true }).fill(nobody);
    await page.getByRole('button', { name: 'E-mail me my bookings' }).click();
    await page.getByRole('status').filter({ hasText: 'a link to its bookings' }).waitFor();
    await page.goto(await listLinkMailedTo(nobody));
    await page.getByRole('button', { name: 'Show my bookings' }).click();
    await page.getByRole('heading', { name: 'No bookings yet' }).waitFor();
    await screenshotBoth(page, `my-bookings-empty-${javaScriptEnabled ? 'js' : 'no-js'}`);

    await page.goto(`${server.url}/bookings?email=not-an-email`);
    expect(await describedError(page, 'Email')).toBe(
      'Email must be a valid address, like name@example.com.',
    );
    expect(problems).toEqual([]);
    await context.close();
  });
});
