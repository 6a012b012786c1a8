import { mkdir } from 'node:fs/promises';
import path from 'node:path';

import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import { onTestFinished } from 'vitest';

/** Debian's Chromium: nothing is downloaded (never `playwright install`). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export const SCREENSHOT_DIR = path.join('test-results', 'screenshots');

const VIEWPORTS = {
  phone: { width: 360, height: 780 },
  desktop: { width: 1280, height: 900 },
} as const;

/** Saves the page as a 360 px phone and a desktop sees it, whole length, for people to look at. */
export async function screenshotBoth(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const original = page.viewportSize();
  for (const [device, size] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(size);
    await page.screenshot({
      path: path.join(SCREENSHOT_DIR, `${name}-${device}.png`),
      fullPage: true,
    });
  }
  if (original) await page.setViewportSize(original);
}

/** Page errors and failed requests a journey must not produce (a CSP block shows up here). */
export function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A 4xx answer (a form with errors, a 404 page) is expected; the browser still logs it.
    const expected = /^Failed to load resource: the server responded with a status of 4\d\d/;
    if (message.type() === 'error' && !expected.test(message.text())) {
      problems.push(`console error: ${message.text()}`);
    }
  });
  return problems;
}

/**
 * A page in a browser context of its own, closed when the test ends whatever its outcome, and the
 * problems the page has (collectProblems) for the test to check.
 */
export async function openTestPage(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext(options);
  onTestFinished(() => context.close());
  const page = await context.newPage();
  return { context, page, problems: collectProblems(page) };
}
