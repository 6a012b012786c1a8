import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';

import { formatShortDay, formatTimeSlot } from '../../shared/format';
import { groupSlotsByDay } from '../../shared/time/slot-days';
import { collectProblems } from '../support/e2e-browser';
import { bookThroughApi, expertIdByName, getExpert } from '../support/e2e-api';
import { useE2eApp } from '../support/e2e-server';

/**
 * The slot a person has chosen (radio checked, form not sent yet) goes to someone else while the
 * page is open, with JavaScript on. The page must stay the same document: the slot turns taken,
 * the choice is cleared, a polite notice says why, and nothing typed is lost. Once, the browser
 * posted the whole form instead (a 400 and a reload): a focused radio was swapped for a new one
 * while React committed, and Conform's blur check then submitted the form natively.
 */

const { server, browser } = await useE2eApp();

const contexts: BrowserContext[] = [];
afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
});

const TYPED = {
  name: 'Typed Person',
  email: 'typed.person@example.com',
  phone: '+1 555 010 3333',
  notes: 'Notes that must survive a live update.',
};

interface Viewer {
  page: Page;
  problems: string[];
  /** Every document request after the first load: there must be none. */
  documents: string[];
}

function isPageData(url: string): boolean {
  return new URL(url).searchParams.get('_data') === 'routes/experts.$id';
}

/**
 * Opens the page (on `day`, else the first day with a free slot) in a browser of its own and
 * waits until it listens for live updates.
 */
async function openViewer(id: string, day?: string): Promise<Viewer> {
  const context = await browser.newContext({ timezoneId: 'America/New_York' });
  contexts.push(context);
  const page = await context.newPage();
  const problems = collectProblems(page);
  // The hook revalidates right after each join: that answer is the sign it listens.
  const joined = page.waitForResponse((response) => isPageData(response.url()));
  await page.goto(`${server.url}/experts/${id}${day ? `?day=${day}` : ''}`);
  await joined;
  const documents: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'document') {
      documents.push(`${request.method()} ${request.url()}`);
    }
  });
  return { page, problems, documents };
}

async function typeContact(page: Page) {
  await page.getByLabel('Name', { exact: true }).fill(TYPED.name);
  await page.getByLabel('Email', { exact: true }).fill(TYPED.email);
  await page.getByLabel('Phone', { exact: true }).fill(TYPED.phone);
  await page.getByLabel('Notes (optional)').fill(TYPED.notes);
}

/** Clicks the first free slot of the day shown, as a person would: it keeps the focus. */
async function chooseFirstFreeSlot(page: Page) {
  const radio = page.getByRole('radio', { name: /Free/ }).first();
  const value = (await radio.getAttribute('value')) ?? '';
  await page.locator(`label[for="${await radio.getAttribute('id')}"]`).click();
  expect(await radio.isChecked()).toBe(true);
  expect(await radio.evaluate((element) => element === document.activeElement)).toBe(true);
  const [date = '', timeSlot = ''] = value.split('T');
  return { date, timeSlot, value };
}

/** A day of the expert's first week with two free slots or more: one to lose, one to book. */
async function dayWithTwoFreeSlots(id: string): Promise<string> {
  const days = groupSlotsByDay((await getExpert(server.url, id)).slots);
  const day = days.find((candidate) => candidate.free >= 2);
  if (!day) throw new Error('The expert needs a day with two free slots.');
  return day.date;
}

function takenRadio(page: Page, value: string) {
  return page.locator(`input[type="radio"][value="${value}"]:disabled`);
}

function noticeFor(slot: { date: string; timeSlot: string }): string {
  return `The ${formatTimeSlot(slot.timeSlot)} slot on ${formatShortDay(slot.date)} was just booked by someone else. Please choose another slot.`;
}

/** What must hold after the slot went: same document, no choice, nothing typed lost. */
async function expectKeptEverything(viewer: Viewer) {
  const { page } = viewer;
  // The loader's revalidation has come and gone: the page is settled.
  await page.waitForLoadState('networkidle');
  expect(viewer.documents).toEqual([]);
  expect(await page.getByRole('radio', { checked: true }).count()).toBe(0);
  expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe(TYPED.name);
  expect(await page.getByLabel('Email', { exact: true }).inputValue()).toBe(TYPED.email);
  expect(await page.getByLabel('Phone', { exact: true }).inputValue()).toBe(TYPED.phone);
  expect(await page.getByLabel('Notes (optional)').inputValue()).toBe(TYPED.notes);
  // No error was made up for the emptied choice.
  expect(await page.getByText(/Time slot is required/).count()).toBe(0);
  expect(viewer.problems).toEqual([]);
}

/** The notice is in a polite live region, and focus went to it rather than to the page body. */
async function expectNotice(page: Page, slot: { date: string; timeSlot: string }) {
  const status = page.getByRole('status').filter({ hasText: noticeFor(slot) });
  await status.waitFor();
  expect(await status.getAttribute('aria-live')).toBeNull(); // role=status is polite by itself
  expect(await status.evaluate((element) => element === document.activeElement)).toBe(true);
}

describe('the chosen slot, booked elsewhere', { timeout: 90_000 }, () => {
  it('through the JSON API: taken, cleared, explained, and the page stays the same document', async () => {
    const expert = server.experts[2]!;
    const id = await expertIdByName(server.url, expert.name);
    // The person chooses another slot of the same day afterwards.
    const day = await dayWithTwoFreeSlots(id);
    const [viewer, bystander] = await Promise.all([openViewer(id, day), openViewer(id, day)]);
    await typeContact(viewer.page);
    const slot = await chooseFirstFreeSlot(viewer.page);

    await bookThroughApi(server.url, { expertId: id, date: slot.date, timeSlot: slot.timeSlot });

    await takenRadio(viewer.page, slot.value).waitFor();
    await expectNotice(viewer.page, slot);
    await expectKeptEverything(viewer);
    // Someone who had not chosen it just sees it taken, without a notice.
    await takenRadio(bystander.page, slot.value).waitFor();
    expect(await bystander.page.getByRole('status').innerText()).toBe('');
    expect(bystander.documents).toEqual([]);

    // The person picks another slot: the notice has done its job, and booking still works.
    const other = await chooseFirstFreeSlot(viewer.page);
    expect(other.value).not.toBe(slot.value);
    await viewer.page
      .getByRole('status')
      .filter({ hasText: noticeFor(slot) })
      .waitFor({
        state: 'detached',
      });
    await viewer.page.getByRole('button', { name: 'Book this slot' }).click();
    await viewer.page.getByRole('heading', { name: 'Your session is booked' }).waitFor();
    expect(viewer.documents).toEqual([]);
    expect(viewer.problems).toEqual([]);
  });

  it('through the page, by another browser: the same', async () => {
    const expert = server.experts[9]!;
    const id = await expertIdByName(server.url, expert.name);
    const [viewer, other] = await Promise.all([openViewer(id), openViewer(id)]);
    await typeContact(viewer.page);
    const slot = await chooseFirstFreeSlot(viewer.page);

    const theirs = await chooseFirstFreeSlot(other.page);
    expect(theirs.value).toBe(slot.value);
    await other.page.getByLabel('Name', { exact: true }).fill('Quick Booker');
    await other.page.getByLabel('Email', { exact: true }).fill('quick.booker@example.com');
    await other.page.getByLabel('Phone', { exact: true }).fill('+1 555 010 4444');
    await other.page.getByRole('button', { name: 'Book this slot' }).click();
    await other.page.getByRole('heading', { name: 'Your session is booked' }).waitFor();

    await takenRadio(viewer.page, slot.value).waitFor();
    await expectNotice(viewer.page, slot);
    await expectKeptEverything(viewer);
    expect(other.problems).toEqual([]);
  });

  it('when nothing was chosen yet, only the slot changes and nothing typed is lost', async () => {
    const expert = server.experts[16]!;
    const id = await expertIdByName(server.url, expert.name);
    const viewer = await openViewer(id);
    await typeContact(viewer.page);
    // The cursor is still in the notes, as when someone pauses while writing.
    expect(
      await viewer.page
        .getByLabel('Notes (optional)')
        .evaluate((e) => e === document.activeElement),
    ).toBe(true);
    const radio = viewer.page.getByRole('radio', { name: /Free/ }).first();
    const value = (await radio.getAttribute('value')) ?? '';
    const [date = '', timeSlot = ''] = value.split('T');

    await bookThroughApi(server.url, { expertId: id, date, timeSlot });

    await takenRadio(viewer.page, value).waitFor();
    await expectKeptEverything(viewer);
    expect(await viewer.page.getByRole('status').innerText()).toBe('');
    expect(
      await viewer.page
        .getByLabel('Notes (optional)')
        .evaluate((e) => e === document.activeElement),
    ).toBe(true);
  });
});
