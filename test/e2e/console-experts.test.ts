import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ExpertModel } from '../../models';
import { createExpert, dayFromNow, everyDay } from '../support/builders';
import { collectProblems, screenshotBoth } from '../support/e2e-browser';
import { useE2eApp } from '../support/e2e-server';
import { createUser, signIn, signInForFetch } from '../support/sign-in';

/**
 * The console's availability editor and admin expert pages, in headless Chromium against the
 * real server, with JavaScript on (live public page, focus moves) and off (plain forms; list
 * intents are submit buttons).
 */

const { server, browser } = await useE2eApp();

function freeSlot(page: Page, label: string) {
  return page.getByRole('radio', { name: new RegExp(`^${label} Free`) });
}

describe.each([
  { javaScriptEnabled: true, label: 'with JavaScript' },
  { javaScriptEnabled: false, label: 'without JavaScript' },
])('the console’s expert pages $label', { timeout: 90_000 }, ({ javaScriptEnabled, label }) => {
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  // Each journey signs in as someone else: a browser of its own, so no session carries over.
  beforeEach(async () => {
    context = await browser.newContext({ javaScriptEnabled, timezoneId: 'UTC' });
    page = await context.newPage();
    problems = collectProblems(page);
  });
  afterEach(async () => {
    expect(problems).toEqual([]);
    await context.close();
  });

  it('lets an expert give a date its own hours, which the public page offers', async () => {
    // Tomorrow in UTC, these experts' zone, on the app's clock (E2E_NOW): within the horizon.
    const day = dayFromNow(1);
    const expert = await createExpert({
      name: `Editing Expert ${label}`,
      availability: everyDay(['09:00-10:00']),
    });
    const user = await createUser({ role: 'expert', expertId: expert.id });
    const publicUrl = `${server.url}/experts/${expert.id}?day=${day}`;
    // With JavaScript, the public page stays open in another tab and must change by itself.
    const publicPage = javaScriptEnabled ? await context.newPage() : page;
    const publicProblems = javaScriptEnabled ? collectProblems(publicPage) : [];
    if (javaScriptEnabled) {
      await publicPage.goto(publicUrl);
      await freeSlot(publicPage, '09:00–10:00').waitFor();
    }

    await signIn(page, user, { baseUrl: server.url, redirectTo: '/console/availability' });
    await page.getByRole('heading', { name: 'Your availability' }).waitFor();
    await page.getByRole('button', { name: 'Add a date' }).click();
    await page.getByLabel('Date', { exact: true }).fill(day);
    await page.getByRole('button', { name: 'Add hours to Override 1' }).click();
    await page.getByLabel('Override 1, hours 1: from').fill('16:00');
    await page.getByLabel('Override 1, hours 1: until').fill('18:00');
    // The date typed before "Add hours" came back with the form.
    expect(await page.getByLabel('Date', { exact: true }).inputValue()).toBe(day);
    const preview = page.getByRole('region', { name: 'The next 7 days' });
    if (javaScriptEnabled) {
      // The preview follows the fields before anything is saved.
      await preview.getByText(/with your changes, once saved/).waitFor();
      await preview.getByText('16:00–17:00').waitFor();
    }
    await page.getByRole('button', { name: 'Save availability' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

    await preview.getByText(/as clients see them now/).waitFor();
    await preview.getByText('16:00–17:00').waitFor();
    await preview.getByText('17:00–18:00').waitFor();
    if (javaScriptEnabled) await screenshotBoth(page, 'console-availability');

    if (!javaScriptEnabled) await publicPage.goto(publicUrl);
    await freeSlot(publicPage, '16:00–17:00').waitFor();
    await freeSlot(publicPage, '17:00–18:00').waitFor();
    expect(await freeSlot(publicPage, '09:00–10:00').count()).toBe(0);
    if (javaScriptEnabled) {
      // No reload: the same document heard of the new rules.
      expect(
        await publicPage.evaluate(() => performance.getEntriesByType('navigation').length),
      ).toBe(1);
      expect(publicProblems).toEqual([]);
      await publicPage.close();
    }
  });

  it('names an invalid interval next to its field and keeps what was typed', async () => {
    const expert = await createExpert({ name: `Careless Expert ${label}` });
    const user = await createUser({ role: 'expert', expertId: expert.id });
    await signIn(page, user, { baseUrl: server.url, redirectTo: '/console/availability' });
    await page.getByLabel('Monday, hours 1: until').fill('08:00');
    await page.getByRole('button', { name: 'Save availability' }).click();

    const summary = page.getByRole('alert').filter({ hasText: 'One thing to fix before saving' });
    const message = 'An interval must end after it starts.';
    await summary.getByRole('link', { name: message }).waitFor();
    if (javaScriptEnabled) {
      await expect
        .poll(() => summary.evaluate((node) => node === document.activeElement))
        .toBe(true);
    }
    const until = page.getByLabel('Monday, hours 1: until');
    expect(await until.inputValue()).toBe('08:00');
    expect(await until.getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('group', { name: 'Monday' }).getByText(message).waitFor();
    if (javaScriptEnabled) await screenshotBoth(page, 'console-availability-errors');

    // Fixed and saved: the form starts afresh from what was stored, the old message gone.
    await until.fill('10:00');
    await page.getByRole('button', { name: 'Save availability' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect(await page.getByText(message).count()).toBe(0);
    expect(await page.getByLabel('Monday, hours 1: until').inputValue()).toBe('10:00');
  });

  it('keeps experts out of the admin pages and another expert’s rules', async () => {
    const [mine, theirs] = [await createExpert(), await createExpert()];
    const user = await createUser({ role: 'expert', expertId: mine.id });
    await signIn(page, user, { baseUrl: server.url });
    for (const path of [
      '/console/experts',
      '/console/experts/new',
      `/console/experts/${theirs.id}`,
      `/console/experts/${theirs.id}/availability`,
    ]) {
      const answer = await page.goto(`${server.url}${path}`);
      expect(answer?.status(), path).toBe(403);
      await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    }
  });

  it('lets an admin add an expert who is listed on /experts at once', async () => {
    const admin = await createUser({ role: 'admin' });
    await signIn(page, admin, { baseUrl: server.url, redirectTo: '/console/experts' });
    const table = page.getByRole('region', { name: 'Experts' });
    await table.getByRole('columnheader', { name: 'Bookings this week' }).waitFor();
    expect(await table.getByRole('row').count()).toBe(21);
    if (javaScriptEnabled) await screenshotBoth(page, 'console-experts');

    const name = `Added Expert ${javaScriptEnabled ? 'Js' : 'Html'}`;
    await page.getByRole('link', { name: 'Add an expert' }).click();
    await page.getByRole('heading', { name: 'Add an expert' }).waitFor();
    await page.getByLabel('Name').fill('X');
    await page.getByLabel('Category').selectOption('Finance');
    await page.getByLabel('Experience (years)').fill('12');
    await page.getByLabel('Time zone').selectOption('Europe/Lisbon');
    await page.getByLabel('Bio').fill('Helps founders read their numbers and plan a runway.');
    await page.getByRole('button', { name: 'Add expert' }).click();
    await page.getByText('Name must be at least 2 characters.').first().waitFor();
    expect(await page.getByLabel('Bio').inputValue()).toBe(
      'Helps founders read their numbers and plan a runway.',
    );

    await page.getByLabel('Name').fill(name);
    await page.getByRole('button', { name: 'Add expert' }).click();
    await page.waitForURL(/\/console\/experts\/[0-9a-f]{24}\?saved=\d+$/);
    await page.getByRole('heading', { name }).waitFor();

    await page.goto(`${server.url}/experts?search=${encodeURIComponent(name)}`);
    const card = page.getByRole('article').filter({ hasText: name });
    await card.waitFor();
    expect(await card.innerText()).toContain('Finance');
  });
});

describe('the console’s expert forms against forged requests', { timeout: 60_000 }, () => {
  /** Valid rules as the editor posts them: Mondays 10:00–12:00 in Lisbon. */
  function rulesForm(csrf: string | undefined, extra: Record<string, string> = {}) {
    const form = new URLSearchParams({
      timezone: 'Europe/Lisbon',
      sessionMinutes: '60',
      minimumNoticeMinutes: '0',
      horizonDays: '30',
      'weeklyHours.monday[0].start': '10:00',
      'weeklyHours.monday[0].end': '12:00',
      ...extra,
    });
    if (csrf !== undefined) form.set('csrf', csrf);
    return form;
  }

  function post(path: string, cookie: string, body: URLSearchParams) {
    return fetch(`${server.url}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, origin: server.url },
      body,
    });
  }

  async function zoneOf(expertId: string) {
    return (await ExpertModel.findById(expertId).lean())?.timezone;
  }

  it('refuses a missing token, another expert’s id, and admin forms, storing nothing', async () => {
    const [mine, theirs] = [await createExpert(), await createExpert()];
    const user = await createUser({ role: 'expert', expertId: mine.id });
    const { cookie, csrfToken } = await signInForFetch(server.url, user);

    expect((await post('/console/availability', cookie, rulesForm(undefined))).status).toBe(403);
    expect((await post('/console/availability', cookie, rulesForm('forged'))).status).toBe(403);
    expect(await zoneOf(mine.id)).toBe('UTC');

    // Ids in the form are not read: the expert comes from the session.
    const forged = rulesForm(csrfToken, { expertId: theirs.id, id: theirs.id });
    const saved = await post('/console/availability', cookie, forged);
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toMatch(/^\/console\/availability\?saved=\d+$/);
    expect(await zoneOf(mine.id)).toBe('Europe/Lisbon');
    expect(await zoneOf(theirs.id)).toBe('UTC');

    const admin = rulesForm(csrfToken);
    for (const path of [`/console/experts/${theirs.id}/availability`, '/console/experts/new']) {
      expect((await post(path, cookie, admin)).status, path).toBe(403);
    }
    expect(await zoneOf(theirs.id)).toBe('UTC');
  });
});
