import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** The expert page's booking form, as a journey in the browser uses it. */

/**
 * With JavaScript, waits until the expert page's booking form checks its fields in the browser:
 * its checks load just after hydration, and until then the server checks it, as without
 * JavaScript.
 */
export async function bookingFormChecksLoaded(page: Page): Promise<void> {
  await page.locator('form#booking-form[data-checks="browser"]').waitFor({ state: 'attached' });
}

/**
 * Presses "Book this slot" for a slot someone else has taken meanwhile, as a page without
 * JavaScript does: the server answers 409 and says so next to the slots (exactly; the error
 * summary's link says it after the field's name).
 */
export async function bookTakenSlot(page: Page): Promise<void> {
  const answer = page.waitForResponse((response) => response.request().method() === 'POST');
  await page.getByRole('button', { name: 'Book this slot' }).click();
  expect((await answer).status()).toBe(409);
  await page
    .getByText('This slot is already booked. Please choose another slot.', { exact: true })
    .waitFor();
}
