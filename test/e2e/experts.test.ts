import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { quoted } from '../../app/utils/quoted';
import { EXPERT_CATEGORIES } from '../../shared/schemas/expert';
import { collectProblems, screenshotBoth } from '../support/e2e-browser';
import { useE2eApp } from '../support/e2e-server';

/**
 * Finding an expert: search, filter and paginate, in headless Chromium against the real server
 * and a seeded database, with JavaScript on (search as you type) and off (plain GET forms).
 */

const { server, browser } = await useE2eApp();

async function openPage(options: { javaScriptEnabled: boolean }) {
  const context = await browser.newContext({ ...options, timezoneId: 'America/New_York' });
  const page = await context.newPage();
  return { context, page, problems: collectProblems(page) };
}

/** What the page says about the results, e.g. `Showing 11–20 of 72`. */
function showing(page: Page) {
  return page.getByRole('status').filter({ hasText: /^Showing/ });
}

function cardNames(page: Page) {
  return page.getByRole('article').getByRole('heading').allInnerTexts();
}

describe.each([
  { javaScriptEnabled: true, label: 'with JavaScript' },
  { javaScriptEnabled: false, label: 'without JavaScript' },
])('the expert list $label', { timeout: 60_000 }, ({ javaScriptEnabled }) => {
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    ({ context, page, problems } = await openPage({ javaScriptEnabled }));
  });
  afterAll(async () => {
    expect(problems).toEqual([]);
    await context.close();
  });

  it('leads from / to the first page of experts, ten at a time', async () => {
    await page.goto(`${server.url}/`);
    await page.waitForURL(`${server.url}/experts`);
    expect(await page.title()).toBe('Experts · Expert Booking');
    await expect(showing(page).innerText()).resolves.toBe(
      `Showing 1–10 of ${server.experts.length}`,
    );
    expect(await cardNames(page)).toHaveLength(10);
    expect(await page.getByRole('link', { name: 'Page 1' }).getAttribute('aria-current')).toBe(
      'page',
    );
    if (javaScriptEnabled) await screenshotBoth(page, 'experts-list');
  });

  it('pages forward with Next and by number, and back with Previous', async () => {
    await page.goto(`${server.url}/experts`);
    const firstPage = await cardNames(page);

    await page
      .getByRole('navigation', { name: 'Pagination' })
      .getByRole('link', { name: 'Next' })
      .click();
    await page.waitForURL(/page=2/);
    await showing(page).filter({ hasText: 'Showing 11–20' }).waitFor();
    const secondPage = await cardNames(page);
    expect(secondPage).toHaveLength(10);
    expect(secondPage.filter((name) => firstPage.includes(name))).toEqual([]);

    await page.getByRole('link', { name: 'Page 3' }).click();
    await page.waitForURL(/page=3/);
    await showing(page).filter({ hasText: 'Showing 21–30' }).waitFor();

    await page.getByRole('link', { name: 'Previous' }).click();
    await page.waitForURL(/page=2/);
    await showing(page).filter({ hasText: 'Showing 11–20' }).waitFor();
    expect(await cardNames(page)).toEqual(secondPage);
  });

  it('filters by category, and the URL keeps the filter while paging', async () => {
    const category = 'Data Science';
    const inCategory = server.experts.filter((expert) => expert.category === category);
    await page.goto(`${server.url}/experts`);
    await page.getByLabel('Category').selectOption(category);
    if (!javaScriptEnabled) await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/category=Data\+Science/);
    await showing(page)
      .filter({ hasText: `of ${inCategory.length}` })
      .waitFor();
    const names = await cardNames(page);
    expect(names.length).toBe(Math.min(10, inCategory.length));
    for (const name of names) expect(inCategory.map((expert) => expert.name)).toContain(name);
    if (javaScriptEnabled) await screenshotBoth(page, 'experts-filtered');

    if (inCategory.length > 10) {
      await page.getByRole('link', { name: 'Next' }).click();
      await page.waitForURL(/page=2/);
      expect(page.url()).toContain('category=Data+Science');
      await showing(page).filter({ hasText: 'Showing 11–' }).waitFor();
    }
  });

  it('searches by part of a name, case-insensitively', async () => {
    const target = server.experts.find((expert) => expert.name.startsWith('Priya'))!;
    await page.goto(`${server.url}/experts`);
    const search = page.getByRole('searchbox', { name: 'Search by name' });
    await search.fill('');
    if (javaScriptEnabled) {
      // Typing is enough: the search runs after a short pause, without leaving the box.
      await search.pressSequentially('priya');
      await page.waitForURL(/search=priya/);
      await showing(page).filter({ hasText: 'of 1' }).waitFor();
      expect(await search.evaluate((element) => element === document.activeElement)).toBe(true);
    } else {
      await search.fill('priya');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.waitForURL(/search=priya/);
    }
    expect(await cardNames(page)).toEqual([target.name]);
    expect(await page.title()).toBe(`Experts: ${quoted('priya')} · Expert Booking`);
  });

  it('says what to try when nothing matches', async () => {
    await page.goto(`${server.url}/experts?search=zzzz&category=Legal`);
    await page.getByRole('heading', { name: 'No experts found' }).waitFor();
    expect(await page.getByText(`Nobody in Legal matches ${quoted('zzzz')}.`).count()).toBe(1);
    if (javaScriptEnabled) await screenshotBoth(page, 'experts-empty');
    await page.getByRole('link', { name: 'Show all experts' }).click();
    await page.waitForURL(`${server.url}/experts`);
    await showing(page)
      .filter({ hasText: `of ${server.experts.length}` })
      .waitFor();
  });
});

describe('bad list links', { timeout: 60_000 }, () => {
  it('explain a bad page number or category and show the list anyway', async () => {
    const { context, page } = await openPage({ javaScriptEnabled: false });
    const response = await page.goto(`${server.url}/experts?page=0&category=Astrology`);
    expect(response?.status()).toBe(200);
    const notice = page.getByRole('status').filter({ hasText: 'We ignored it.' });
    expect(await notice.innerText()).toContain('Page must be 1 or more.');
    expect(await notice.innerText()).toContain(
      `Category must be one of: ${EXPERT_CATEGORIES.join(', ')}.`,
    );
    await showing(page)
      .filter({ hasText: `Showing 1–10 of ${server.experts.length}` })
      .waitFor();

    // A control character cannot reach the title or the search box: it is refused by name.
    await page.goto(`${server.url}/experts?search=%00ada`);
    expect(await notice.innerText()).toContain(
      'Search must be one line of text, without tabs, line breaks or other control characters.',
    );
    expect(await page.title()).toBe('Experts · Expert Booking');
    // A right-to-left override in a search stays inside its quotation marks.
    await page.goto(`${server.url}/experts?search=%E2%80%AEmoc.live`);
    expect(await page.title()).toBe('Experts: “\u2068moc.live\u2069” · Expert Booking');

    await page.goto(`${server.url}/experts?page=99`);
    await page.getByText('There is no page 99').waitFor();
    await page.getByRole('link', { name: 'Go to the last page' }).click();
    await page.waitForURL(/page=\d+$/);
    expect((await cardNames(page)).length).toBeGreaterThan(0);
    await context.close();
  });

  it('give a friendly 404 page for unknown pages and experts', async () => {
    const { context, page } = await openPage({ javaScriptEnabled: true });
    for (const path of [
      '/experts/0123456789abcdef01234567',
      '/experts/not-an-id',
      '/no-such-page',
    ]) {
      const response = await page.goto(`${server.url}${path}`);
      expect(response?.status()).toBe(404);
      await page.getByRole('heading', { name: 'Page not found' }).waitFor();
      expect(await page.title()).toMatch(/not found · Expert Booking$/);
      expect(await page.content()).not.toMatch(/at \S+ \(|node_modules/);
    }
    await screenshotBoth(page, 'not-found');
    await page.getByRole('link', { name: 'Browse experts' }).click();
    await page.waitForURL(`${server.url}/experts`);
    await context.close();
  });
});
