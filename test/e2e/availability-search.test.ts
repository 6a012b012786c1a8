import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { collectProblems } from '../support/e2e-browser';
import { useE2eApp } from '../support/e2e-server';

/**
 * "Free when you are": the list page's day, time of day and order, with JavaScript on (the
 * browser's own zone, no reload) and off (plain GET form, the zone chosen on the page). What the
 * page shows is checked against the JSON API asked the same question.
 */

const { server, browser } = await useE2eApp();

const VIEWER_ZONE = 'America/New_York';
/** Two days after E2E_NOW (Monday 2030-03-04). */
const DAY = '2030-03-06';
/** Beyond every seeded expert's 60-day horizon: nobody is free. */
const NOBODY_FREE_DAY = '2030-06-20';

interface ListAnswer {
  data: { name: string }[];
  pagination: { total: number };
}

async function askApi(query: string): Promise<ListAnswer> {
  const response = await fetch(`${server.url}/api/experts?${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as ListAnswer;
}

function showing(page: Page) {
  return page.getByRole('status').filter({ hasText: /^Showing/ });
}

function cardNames(page: Page) {
  return page.getByRole('article').getByRole('heading').allInnerTexts();
}

function focusedId(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.id ?? '');
}

describe.each([
  { javaScriptEnabled: true, label: 'with JavaScript' },
  { javaScriptEnabled: false, label: 'without JavaScript' },
])('searching by when experts are free $label', { timeout: 60_000 }, ({ javaScriptEnabled }) => {
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  const documents: string[] = [];

  beforeAll(async () => {
    context = await browser.newContext({ javaScriptEnabled, timezoneId: VIEWER_ZONE });
    page = await context.newPage();
    problems = collectProblems(page);
    page.on('request', (request) => {
      if (request.resourceType() === 'document') documents.push(request.url());
    });
  });
  afterAll(async () => {
    expect(problems).toEqual([]);
    await context.close();
  });

  /**
   * Opens the list. With JavaScript, waits for hydration (the page then sends the browser's zone
   * in a hidden field): what is typed before it may not reach the page's handlers.
   */
  async function openList(path: string) {
    await page.goto(`${server.url}${path}`);
    if (javaScriptEnabled) {
      await page.locator('input[type="hidden"][name="tz"]').waitFor({ state: 'attached' });
    }
  }

  /** Picks the viewer's zone where the page asks for it (only without JavaScript). */
  async function chooseZone() {
    if (!javaScriptEnabled) await page.getByLabel('Your time zone').selectOption(VIEWER_ZONE);
  }

  it("lists those free on a day's evening in the viewer's zone, as the API does", async () => {
    const expected = await askApi(
      `availableOn=${DAY}&part=evening&tz=${encodeURIComponent(VIEWER_ZONE)}`,
    );
    const everyone = (await askApi('limit=1')).pagination.total;
    expect(expected.pagination.total).toBeGreaterThan(0);
    expect(expected.pagination.total).toBeLessThan(everyone);

    await openList('/experts');
    const loadsBefore = documents.length;
    await page.getByLabel('Free on').fill(DAY);
    await chooseZone();
    // As a keyboard user does: move to the choice, then pick.
    await page.getByLabel('Time of day').focus();
    await page.getByLabel('Time of day').selectOption('evening');
    if (!javaScriptEnabled) await page.getByRole('button', { name: 'Search' }).click();

    await page.waitForURL(
      (url) =>
        url.searchParams.get('availableOn') === DAY &&
        url.searchParams.get('part') === 'evening' &&
        url.searchParams.get('tz') === VIEWER_ZONE,
    );
    await showing(page)
      .filter({ hasText: `of ${expected.pagination.total}` })
      .waitFor();
    expect(await cardNames(page)).toEqual(expected.data.map((expert) => expert.name));
    expect(await page.title()).toBe('Experts: free on Wed 6 Mar in the evening · Expert Booking');
    expect(await page.getByLabel('Free on').inputValue()).toBe(DAY);

    if (javaScriptEnabled) {
      // Choosing the part of the day searched in place: no page load, focus where it was.
      expect(documents.length).toBe(loadsBefore);
      expect(await focusedId(page)).toBe('part');
    } else {
      expect(documents.length).toBeGreaterThan(loadsBefore);
    }
  });

  it('sorts the day’s experts by the soonest free slot', async () => {
    const expected = await askApi(
      `availableOn=${DAY}&part=evening&tz=${encodeURIComponent(VIEWER_ZONE)}&sort=nextAvailable`,
    );
    await page.getByLabel('Sort by').selectOption('nextAvailable');
    if (!javaScriptEnabled) await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL((url) => url.searchParams.get('sort') === 'nextAvailable');
    // The count is the same in either order: wait for the cards themselves to be re-ordered.
    await expect.poll(() => cardNames(page)).toEqual(expected.data.map((expert) => expert.name));
    expect(await page.getByLabel('Sort by').inputValue()).toBe('nextAvailable');
  });

  it('says so when nobody is free that day, and the way back to everyone', async () => {
    await page.getByLabel('Free on').fill(NOBODY_FREE_DAY);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('heading', { name: 'No experts found' }).waitFor();
    expect(
      await page
        .getByText('Nobody is free on Thu 20 Jun in the evening.', { exact: false })
        .count(),
    ).toBe(1);
    expect(await page.title()).toBe('Experts: free on Thu 20 Jun in the evening · Expert Booking');
    if (javaScriptEnabled) {
      await expect
        .poll(() => page.locator('#live-announcer').innerText())
        .toBe('No experts found.');
    }
    await page.getByRole('link', { name: 'Show all experts' }).click();
    await page.waitForURL(`${server.url}/experts`);
    await showing(page)
      .filter({ hasText: `of ${server.experts.length}` })
      .waitFor();
  });

  it('explains a time of day without a day, and lists everyone', async () => {
    await openList('/experts?part=evening');
    const notice = page.getByRole('status').filter({ hasText: 'We ignored it.' });
    expect(await notice.innerText()).toContain('Choose a day to narrow down by time of day.');
    await showing(page)
      .filter({ hasText: `of ${server.experts.length}` })
      .waitFor();
  });
});
