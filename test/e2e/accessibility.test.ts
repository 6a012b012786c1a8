import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';

import { SAVED_NOTICE } from '../../app/components/console/availability-editor';
import { createExpert, everyDay } from '../support/builders';
import { bookingFormChecksLoaded } from '../support/e2e-booking-form';
import { collectProblems, screenshotBoth } from '../support/e2e-browser';
import { E2E_NOW, useE2eApp } from '../support/e2e-server';
import { createUser, signIn, type TestUser } from '../support/sign-in';

/**
 * axe-core on every page a person reaches (public, booking, console, the availability editor),
 * with JavaScript on and off, with all of its WCAG rules and best practices; and, beside it, a
 * check axe leaves to a person: every id an `aria-describedby` or `aria-errormessage` names
 * exists, so the reason for "invalid" is read.
 */

const { server, browser } = await useE2eApp();

const axeSource = await readFile(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

interface AxeResults {
  violations: { id: string; help: string; nodes: { html: string }[] }[];
  passes: unknown[];
}

/** What axe-core finds on the page as it is now, with every rule it runs by default. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const { violations, rulesPassed } = await page.evaluate(async () => {
    const { axe } = window as unknown as {
      axe: { run(context: Document, options: object): Promise<AxeResults> };
    };
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return {
      rulesPassed: result.passes.length,
      violations: result.violations.flatMap((violation) =>
        violation.nodes.map((node) => `${violation.id} (${violation.help}): ${node.html}`),
      ),
    };
  });
  // A page axe could not read would pass no rule at all, and find nothing.
  expect(rulesPassed).toBeGreaterThan(10);
  return violations;
}

/**
 * Every id an ARIA reference names that no element has. axe only asks a person to review a
 * description pointing nowhere, yet then the reason a field is invalid is never read.
 */
function danglingReferences(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const attributes = [
      'aria-describedby',
      'aria-errormessage',
      'aria-labelledby',
      'aria-controls',
    ];
    return attributes.flatMap((attribute) =>
      [...document.querySelectorAll(`[${attribute}]`)].flatMap((element) =>
        (element.getAttribute(attribute) ?? '')
          .split(/\s+/)
          .filter((id) => id && !document.getElementById(id))
          .map((id) => `${attribute}="${id}" on ${element.outerHTML.slice(0, 120)}`),
      ),
    );
  });
}

async function expectAccessible(page: Page): Promise<void> {
  expect(await danglingReferences(page)).toEqual([]);
  expect(await axeViolations(page)).toEqual([]);
}

/** Saves the availability editor with a mistake in it, and waits for the error summary. */
async function saveRefused(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Save availability' }).click();
  await page
    .getByRole('alert')
    .filter({ hasText: /to fix before saving/ })
    .waitFor();
}

describe.each([
  { javaScriptEnabled: true, label: 'with JavaScript' },
  { javaScriptEnabled: false, label: 'without JavaScript' },
])('axe-core finds nothing $label', { timeout: 120_000 }, ({ javaScriptEnabled, label }) => {
  const contexts: BrowserContext[] = [];
  let expertId: string;
  let expertUser: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    const expert = await createExpert({
      name: `Accessible Expert ${label}`,
      timezone: 'America/Argentina/Buenos_Aires',
      availability: everyDay(['09:00-10:00', '10:00-11:00']),
    });
    expertId = expert.id;
    expertUser = await createUser({ role: 'expert', expertId });
    admin = await createUser({ role: 'admin' });
  });
  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
  });

  /**
   * A page as a person with or without JavaScript gets it. axe needs scripts (its checks wait on
   * timers), so "without" is the server's documents with the app's scripts taken out, and the
   * `<noscript>` parts shown as a browser with JavaScript off shows them: only axe runs there.
   */
  async function newPage(): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext({ timezoneId: 'UTC' });
    contexts.push(context);
    if (!javaScriptEnabled) {
      await context.route('**/*', async (route) => {
        const request = route.request();
        if (request.resourceType() !== 'document') return route.continue();
        const response = await route.fetch({ maxRedirects: 0 });
        const html = (await response.text())
          .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')
          .replace(/<link rel="modulepreload"[^>]*>/g, '')
          .replace(/<noscript>([\s\S]*?)<\/noscript>/g, '$1');
        return route.fulfill({ response, body: html });
      });
    }
    const page = await context.newPage();
    return { page, problems: collectProblems(page) };
  }

  it('on the public pages and the booking journey', async () => {
    const { page, problems } = await newPage();
    await page.goto(`${server.url}/experts`);
    await expectAccessible(page);
    // Searched by availability: a day after the fixed clock's, in the evening, soonest first.
    const day = new Date(E2E_NOW.getTime() + 2 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    await page.goto(`${server.url}/experts?availableOn=${day}&part=evening&sort=nextAvailable`);
    await expectAccessible(page);
    await page.goto(`${server.url}/experts/${expertId}/reviews`);
    await expectAccessible(page);

    await page.goto(`${server.url}/experts/${expertId}`);
    if (javaScriptEnabled) await bookingFormChecksLoaded(page);
    await expectAccessible(page);

    // The booking form with errors.
    await page.getByLabel('Name', { exact: true }).fill('A');
    await page.getByLabel('Email', { exact: true }).fill('not-an-email');
    await page.getByLabel('Phone', { exact: true }).fill('12');
    // By keyboard: leaving Phone shows its message, which moves the button a pointer aims at.
    await page.getByRole('button', { name: 'Book this slot' }).press('Enter');
    await page.getByText(/^Please check the/).waitFor();
    await expectAccessible(page);

    // Booked: the private page right after.
    await page.getByRole('radio', { name: /Free/ }).first().check();
    await page.getByLabel('Name', { exact: true }).fill('Ada Keyboard');
    await page.getByLabel('Email', { exact: true }).fill(`ada-${javaScriptEnabled}@example.com`);
    await page.getByLabel('Phone', { exact: true }).fill('+44 20 7946 0958');
    await page.getByRole('button', { name: 'Book this slot' }).click();
    await page.waitForURL(/\/bookings\/[0-9a-f]{24}\?token=/);
    // With JavaScript the address changes before the new page is drawn: check that page.
    await page.getByRole('heading', { name: 'Your session is booked' }).waitFor();
    await expectAccessible(page);
    const manageUrl = new URL(page.url());

    // The private page later, and its steps.
    await page.goto(manageUrl.href);
    await expectAccessible(page);
    for (const step of ['reschedule', 'cancel']) {
      const url = new URL(manageUrl);
      url.searchParams.set('step', step);
      await page.goto(url.href);
      await expectAccessible(page);
    }
    await page.getByRole('button', { name: 'Yes, cancel my booking' }).press('Enter');
    await page
      .getByRole('heading', { name: /cancelled/i })
      .first()
      .waitFor();
    await expectAccessible(page);

    await page.goto(`${server.url}/bookings`);
    await expectAccessible(page);
    // The lookup's answer: a link is on its way.
    await page.getByLabel('Email', { exact: true }).fill(`ada-${javaScriptEnabled}@example.com`);
    await page.getByRole('button', { name: 'E-mail me my bookings' }).press('Enter');
    await page.getByRole('status').filter({ hasText: /ada-/ }).first().waitFor();
    await expectAccessible(page);

    // An error page: an expert that does not exist.
    await page.goto(`${server.url}/experts/${'0'.repeat(24)}`);
    await expectAccessible(page);

    await page.goto(`${server.url}/login`);
    await expectAccessible(page);
    // Sign-in refused, with its error summary.
    await page.getByLabel('Email').fill('nobody@example.com');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).press('Enter');
    await page.locator('.form-alert').waitFor();
    await expectAccessible(page);
    expect(problems).toEqual([]);
  });

  it('shows the expert page at 320 px wide without sideways scrolling', async () => {
    const { page, problems } = await newPage();
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(`${server.url}/experts/${expertId}`);
    // The expert's zone, America/Argentina/Buenos_Aires, is the longest word on the page.
    await page.getByText('America/Argentina/Buenos Aires').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      320,
    );
    expect(problems).toEqual([]);
  });

  it('on the expert’s console and the availability editor', async () => {
    const { page, problems } = await newPage();
    await signIn(page, expertUser, { baseUrl: server.url });
    await page.getByRole('heading', { name: 'Bookings', level: 1 }).waitFor();
    await expectAccessible(page);

    await page.goto(`${server.url}/console/reviews`);
    await expectAccessible(page);

    await page.goto(`${server.url}/console/availability`);
    await expectAccessible(page);

    await page.getByLabel('Monday, hours 1: until').fill('08:00');
    await page.getByLabel('Minimum notice (minutes)').fill('');
    await saveRefused(page);
    await expectAccessible(page);
    expect(problems).toEqual([]);
  });

  it('on the admin’s console, experts and an expert’s availability', async () => {
    const { page, problems } = await newPage();
    await signIn(page, admin, { baseUrl: server.url });
    await page.getByRole('heading', { name: 'Bookings', level: 1 }).waitFor();
    await expectAccessible(page);

    await page.goto(`${server.url}/console?status=Pending`);
    await expectAccessible(page);
    if (javaScriptEnabled) {
      // New filters change the table in place; the new count is said by the console's region.
      const documents: string[] = [];
      page.on('request', (request) => {
        if (request.resourceType() === 'document') documents.push(request.url());
      });
      await page.getByLabel('Status').selectOption('Confirmed');
      await page.getByRole('button', { name: 'Show bookings' }).click();
      await page.waitForURL(/status=Confirmed/);
      // The address changes before React has drawn the new table: wait for the drawn count.
      const count = page.locator('.results__count');
      await expect.poll(() => count.textContent()).toMatch(/, Confirmed/);
      await expect
        .poll(() => page.locator('.console-status').textContent())
        .toBe(await count.textContent());
      expect(documents).toEqual([]);
    }

    await page.goto(`${server.url}/console/experts`);
    await expectAccessible(page);

    await page.goto(`${server.url}/console/experts/${expertId}`);
    await expectAccessible(page);

    await page.goto(`${server.url}/console/experts/new`);
    await expectAccessible(page);

    await page.goto(`${server.url}/console/experts/${expertId}/availability`);
    await page
      .getByRole('heading', { name: `Availability of Accessible Expert ${label}` })
      .waitFor();
    await expectAccessible(page);
    await page.getByLabel('Tuesday, hours 2: until').fill('09:30');
    await saveRefused(page);
    await expectAccessible(page);
    expect(problems).toEqual([]);
  });
});

/** The editor's own moves, which only JavaScript makes (without it each is a new page). */
describe('the availability editor with JavaScript', () => {
  it('lets a keyboard reach Save, add and remove hours, and fix an error in the editor', async () => {
    const expert = await createExpert({ availability: everyDay(['09:00-10:00', '10:00-11:00']) });
    const user = await createUser({ role: 'expert', expertId: expert.id });
    const context = await browser.newContext({ timezoneId: 'UTC' });
    onTestFinished(() => context.close());
    const page = await context.newPage();
    const problems = collectProblems(page);
    await signIn(page, user, { baseUrl: server.url, redirectTo: '/console/availability' });
    await page.locator('form#availability[data-checks="browser"]').waitFor({ state: 'attached' });
    const focused = () =>
      page.evaluate(() => {
        const element = document.activeElement;
        return element?.getAttribute('aria-label') ?? element?.textContent?.trim() ?? '';
      });
    const said = () => page.locator('#live-announcer').textContent();
    await screenshotBoth(page, 'availability-editor-save-bar');

    // Save is the first thing in the form: a Tab or two from the page's heading.
    await page.getByRole('heading', { name: 'Your availability' }).focus();
    let tabs = 0;
    while ((await focused()) !== 'Save availability' && tabs < 5) {
      await page.keyboard.press('Tab');
      tabs += 1;
    }
    expect(await focused()).toBe('Save availability');

    // Shift+Tab from a button just below the Save bar: what it reaches comes into view below
    // the bar, not hidden under it.
    await page.getByRole('button', { name: 'Add hours to Tuesday' }).focus();
    await page.evaluate(() => {
      const bar = document.querySelector('.editor__save-bar')!.getBoundingClientRect();
      window.scrollBy(0, document.activeElement!.getBoundingClientRect().top - bar.bottom - 2);
    });
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toBe('Remove Tuesday, hours 2');
    const [barBottom, buttonTop] = await page.evaluate(() => [
      document.querySelector('.editor__save-bar')!.getBoundingClientRect().bottom,
      document.activeElement!.getBoundingClientRect().top,
    ]);
    expect(buttonTop).toBeGreaterThanOrEqual(barBottom);

    await page.getByRole('button', { name: 'Add hours to Tuesday' }).press('Enter');
    await expect.poll(focused).toBe('');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(
      'availability-weeklyHours.tuesday[2].start',
    );
    await expect.poll(said).toBe('Tuesday, hours 3 added, from 09:00 until 17:00.');

    await page.getByRole('button', { name: 'Remove Tuesday, hours 3' }).press('Enter');
    await expect.poll(focused).toBe('Add hours to Tuesday');
    await expect.poll(said).toBe('Tuesday, hours 3 removed.');

    // An error, fixed: its message goes, and Tab goes on from the field, not back to the top.
    const until = page.getByLabel('Monday, hours 1: until');
    await until.fill('08:00');
    await page.getByRole('button', { name: 'Save availability' }).press('Enter');
    const summary = page.getByRole('alert').filter({ hasText: /to fix before saving/ });
    await expect.poll(() => summary.evaluate((node) => node === document.activeElement)).toBe(true);
    await until.fill('10:00');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Remove Monday, hours 1');
    await expect.poll(() => summary.count()).toBe(0);
    expect(await until.getAttribute('aria-invalid')).toBeNull();

    // Saved: said by the page's region, which was there, empty, before the message.
    await page.getByRole('button', { name: 'Save availability' }).press('Enter');
    await expect.poll(said).toBe(SAVED_NOTICE);
    expect(problems).toEqual([]);
  });
});

/** Without JavaScript each Add or Remove is a new page: it opens where the person was. */
describe('the availability editor without JavaScript', () => {
  it('focuses what was added, and after a removal the Add button, as the page reloads', async () => {
    const expert = await createExpert({ availability: everyDay(['09:00-10:00']) });
    const user = await createUser({ role: 'expert', expertId: expert.id });
    const context = await browser.newContext({ javaScriptEnabled: false, timezoneId: 'UTC' });
    onTestFinished(() => context.close());
    const page = await context.newPage();
    const problems = collectProblems(page);
    await signIn(page, user, { baseUrl: server.url, redirectTo: '/console/availability' });
    // The browser focuses an `autofocus` field a moment after the page shows it: poll.
    const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');

    for (const list of [
      {
        add: 'Add hours to Thursday',
        added: page.getByLabel('Thursday, hours 2: from'),
        addedId: 'availability-weeklyHours.thursday[1].start',
        remove: 'Remove Thursday, hours 2',
        addId: 'availability-weeklyHours.thursday-add',
      },
      {
        add: 'Add a length',
        added: page.getByLabel('Extra length 1 (minutes)'),
        addedId: 'availability-extraSessionMinutes[0]',
        remove: 'Remove extra length 1',
        addId: 'availability-extraSessionMinutes-add',
      },
      {
        add: 'Add a date',
        added: page.getByRole('group', { name: 'Override 1' }),
        addedId: 'availability-overrides[0].date',
        remove: 'Remove override 1',
        addId: 'availability-overrides-add',
      },
    ]) {
      await page.getByRole('button', { name: list.add }).press('Enter');
      await list.added.waitFor();
      await expect.poll(focusedId).toBe(list.addedId);
      await page.getByRole('button', { name: list.remove }).press('Enter');
      await expect.poll(() => list.added.count()).toBe(0);
      await expect.poll(focusedId).toBe(list.addId);
    }
    expect(problems).toEqual([]);
  });
});
