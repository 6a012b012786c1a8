import { describe, expect, it } from 'vitest';

import { collectProblems, screenshotBoth } from '../support/e2e-browser';
import { useE2eApp } from '../support/e2e-server';

/**
 * The API's docs page in headless Chromium: Swagger UI, served from our origin, runs under the
 * app's Content-Security-Policy (a CSP violation is a console error) and lists every call.
 */

const { server, browser } = await useE2eApp();

describe('/api/docs', () => {
  it('renders the OpenAPI document with no console errors', { timeout: 60_000 }, async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = collectProblems(page);
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content[- ]Security[- ]Policy/i.test(message.text())) violations.push(message.text());
    });

    await page.goto(`${server.url}/api/docs`);
    await page.getByRole('heading', { name: /Expert Booking API/ }).waitFor();
    const spec = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    const operations = Object.values(spec.paths).flatMap((item) => Object.values(item));
    expect(operations.length).toBeGreaterThanOrEqual(12);
    for (const { operationId } of operations) {
      await expect(
        page.locator(`[id^="operations-"][id$="-${operationId}"]`).count(),
      ).resolves.toBe(1);
    }
    await expect(page.getByText('/api/bookings/{id}/reschedule').count()).resolves.toBeGreaterThan(
      0,
    );
    await screenshotBoth(page, 'api-docs');

    expect(violations).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
