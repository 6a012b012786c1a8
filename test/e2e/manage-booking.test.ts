import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { formatDay, formatTimeSlot } from '../../shared/format';
import { collectProblems } from '../support/e2e-browser';
import { E2E_ADMIN_TOKEN, useE2eApp } from '../support/e2e-server';

/**
 * A booking's life through its private page, in Chromium with JavaScript off and on: book, land
 * on the private page, move the booking, cancel it; and a second browser on the expert's page
 * watching the slot go and come back without a reload.
 */

const { server, browser } = await useE2eApp();

async function expertIdAt(index: number): Promise<string> {
  const expert = server.experts[index]!;
  const response = await fetch(
    `${server.url}/api/experts?search=${encodeURIComponent(expert.name)}`,
  );
  const { data } = (await response.json()) as { data: { id: string; name: string }[] };
  return data.find((candidate) => candidate.name === expert.name)!.id;
}

/** Checks the first free slot offered on the page and returns it. */
async function chooseFirstFreeSlot(page: Page) {
  const radio = page.getByRole('radio', { name: /Free/ }).first();
  const value = (await radio.getAttribute('value')) ?? '';
  await radio.check();
  const [date = '', timeSlot = ''] = value.split('T');
  return { date, timeSlot, value };
}

/**
 * The mails the app wrote to `to`, oldest first, once there are `count` of them: the outbox
 * worker sends a moment after the change commits.
 */
async function mailsTo(to: string, count: number) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const listed = (await server.mailbox.list()).filter((entry) => entry.to.includes(to));
    if (listed.length >= count || Date.now() > deadline) {
      const opened = await Promise.all(listed.map((entry) => server.mailbox.open(entry.id)));
      return opened.reverse();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function adminView(id: string) {
  const response = await fetch(`${server.url}/api/bookings/${id}`, {
    headers: { authorization: `Bearer ${E2E_ADMIN_TOKEN}` },
  });
  return (
    (await response.json()) as {
      data: { status: string; date: string; timeSlot: string; history: unknown[] };
    }
  ).data;
}

describe.each([
  { javaScriptEnabled: false, label: 'without JavaScript' },
  { javaScriptEnabled: true, label: 'with JavaScript' },
])('managing a booking $label', { timeout: 90_000 }, ({ javaScriptEnabled }) => {
  it('books, opens the private page, reschedules and cancels, each once', async () => {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    const problems = collectProblems(page);
    const id = await expertIdAt(javaScriptEnabled ? 2 : 3);

    await page.goto(`${server.url}/experts/${id}`);
    const first = await chooseFirstFreeSlot(page);
    await page.getByLabel('Name', { exact: true }).fill('Ada Lovelace');
    const email = `ada-${javaScriptEnabled}@example.com`;
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Phone', { exact: true }).fill('+44 20 7946 0958');
    await page.getByRole('button', { name: 'Book this slot' }).click();
    await page.waitForURL(/\/bookings\/[0-9a-f]{24}\?token=[\w-]{32}$/);
    await page.getByRole('heading', { name: 'Your session is booked' }).waitFor();
    const bookingId = new URL(page.url()).pathname.split('/').at(-1)!;

    // The confirmation mail carries the private link (with a token of its own): open that.
    const [made] = await mailsTo(email, 1);
    const manageUrl = new RegExp(`http://\\S+/bookings/${bookingId}\\?token=[\\w-]{32}`).exec(
      made?.text ?? '',
    )?.[0];
    expect(manageUrl).toBeTruthy();
    await page.goto(manageUrl!);
    await page.getByRole('heading', { name: 'Your session is booked' }).waitFor();

    // Reschedule: choose a new slot, then confirm.
    await page.getByRole('link', { name: 'Reschedule' }).click();
    await page.getByRole('heading', { name: 'Choose a new time' }).waitFor();
    const second = await chooseFirstFreeSlot(page);
    expect(second.value).not.toBe(first.value);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Move your booking?' }).waitFor();
    await page.getByRole('button', { name: 'Move my booking' }).click();
    await page.waitForURL(manageUrl!);
    // The step's page has this heading too: wait for the move's history, drawn after the address.
    await page.getByText(`Moved from ${formatDay(first.date)}`).waitFor();
    await page.getByRole('heading', { name: 'Your session is booked' }).waitFor();
    const details = await page.getByRole('main').innerText();
    expect(details).toContain(formatDay(second.date));
    expect(details).toContain(formatTimeSlot(second.timeSlot));
    expect(details).toContain(`Moved from ${formatDay(first.date)}`);

    // Cancel, with its confirmation step and a reason.
    await page.getByRole('link', { name: 'Cancel booking' }).click();
    await page.getByLabel('Reason (optional)').fill('Plans changed');
    await page.getByRole('button', { name: 'Yes, cancel my booking' }).click();
    await page.getByRole('heading', { name: 'This booking is cancelled' }).waitFor();
    expect(page.url()).toBe(manageUrl);
    expect(await page.getByRole('main').innerText()).toContain('Reason: Plans changed');
    expect(await page.getByRole('link', { name: 'Cancel booking' }).count()).toBe(0);

    // Back, and the same cancel submitted again: still one cancel.
    await page.goBack();
    await page.getByRole('button', { name: 'Yes, cancel my booking' }).click();
    await page.waitForURL(manageUrl!);
    await page.getByRole('heading', { name: 'This booking is cancelled' }).waitFor();
    // A move posted once cancelled (a stale page sent again) is refused, and the page says why.
    const token = new URL(manageUrl!).searchParams.get('token')!;
    const late = await fetch(`${server.url}/bookings/${bookingId}?token=${token}`, {
      method: 'POST',
      body: new URLSearchParams({ intent: 'reschedule', token, slot: first.value }),
      headers: { origin: server.url },
    });
    expect(late.status).toBe(409);
    expect(await late.text()).toContain('A booking that is Cancelled cannot become rescheduled');

    const stored = await adminView(bookingId);
    expect(stored).toMatchObject({
      status: 'Cancelled',
      date: second.date,
      timeSlot: second.timeSlot,
    });
    expect(stored.history).toHaveLength(2);
    // Booked, moved, cancelled: one mail each, however often a button was pressed.
    const mails = await mailsTo(email, 3);
    expect(mails).toHaveLength(3);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('a second browser on the expert page', { timeout: 90_000 }, () => {
  it('sees a slot go and come back without a reload', async () => {
    const id = await expertIdAt(4);
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = collectProblems(page);
    const documents: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'document') documents.push(request.url());
    });
    const joined = page.waitForResponse(
      (response) => new URL(response.url()).searchParams.get('_data') === 'routes/experts.$id',
    );
    await page.goto(`${server.url}/experts/${id}`);
    await joined;
    const free = page.getByRole('radio', { name: /Free/ });
    const [firstValue, secondValue] = await Promise.all([
      free.nth(0).getAttribute('value'),
      free.nth(1).getAttribute('value'),
    ]);
    const slotOf = (value: string | null) => {
      const [date, timeSlot] = (value ?? '').split('T');
      return { date, timeSlot };
    };
    const radio = (value: string | null) => page.locator(`input[type="radio"][value="${value}"]`);
    const waitDisabled = (value: string | null, disabled: boolean) =>
      page.waitForFunction(
        ([selector, wanted]) =>
          (document.querySelector(selector as string) as HTMLInputElement | null)?.disabled ===
          wanted,
        [`input[type="radio"][value="${value}"]`, disabled] as const,
      );

    const response = await fetch(`${server.url}/api/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        expertId: id,
        ...slotOf(firstValue),
        name: 'Bea Booker',
        email: 'bea@example.com',
        phone: '+1 555 010 2222',
      }),
    });
    const { data } = (await response.json()) as { data: { id: string; manageToken: string } };
    await waitDisabled(firstValue, true);

    const call = (path: string, body: unknown) =>
      fetch(`${server.url}/api/bookings/${data.id}/${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${data.manageToken}`,
        },
        body: JSON.stringify(body),
      });
    expect((await call('reschedule', slotOf(secondValue))).status).toBe(200);
    await waitDisabled(firstValue, false);
    await waitDisabled(secondValue, true);

    expect((await call('cancel', {})).status).toBe(200);
    await waitDisabled(secondValue, false);
    expect(await radio(firstValue).isDisabled()).toBe(false);

    expect(documents).toEqual([`${server.url}/experts/${id}`]);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('lost links', { timeout: 90_000 }, () => {
  it('"Send me my links" answers alike for any address, and mails a fresh link that opens the booking', async () => {
    const id = await expertIdAt(5);
    const email = 'links@example.com';
    const expert = (await (await fetch(`${server.url}/api/experts/${id}`)).json()) as {
      data: { slots: { date: string; timeSlot: string; available: boolean }[] };
    };
    const slot = expert.data.slots.find((candidate) => candidate.available)!;
    const created = await fetch(`${server.url}/api/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        expertId: id,
        date: slot.date,
        timeSlot: slot.timeSlot,
        name: 'Lin Links',
        email,
        phone: '+1 555 010 3333',
      }),
    });
    const { data } = (await created.json()) as { data: { id: string } };
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const problems = collectProblems(page);

    const answers: string[] = [];
    for (const address of [email, 'nobody-here@example.com']) {
      await page.goto(`${server.url}/bookings`);
      await page.getByLabel('Email for your links').fill(address);
      await page.getByRole('button', { name: 'Send me my links' }).click();
      answers.push((await page.getByRole('status').innerText()).replace(address, '<address>'));
    }
    expect(answers[0]).toBe(answers[1]);

    const mails = await mailsTo(email, 2);
    const link = new RegExp(`http://\\S+/bookings/${data.id}\\?token=[\\w-]{32}`).exec(
      mails[1]?.text ?? '',
    )?.[0];
    expect(link).toBeTruthy();
    expect(await mailsTo('nobody-here@example.com', 0)).toEqual([]);
    await page.goto(link!);
    await page.getByRole('heading', { name: 'Your session is booked' }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
