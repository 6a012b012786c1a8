import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';

import { bookThroughApi, firstListedSlot, type BookedThroughApi } from '../support/e2e-api';
import { startE2eServer, type E2eServer } from '../support/e2e-server';

/** Pages that show someone's bookings must not be kept by any cache, shared or the browser's. */

let server: E2eServer;
let booking: BookedThroughApi;

beforeAll(async () => {
  server = await startE2eServer(inject('mongodbUri'));
  booking = await bookThroughApi(
    server.url,
    await firstListedSlot(server.url),
    'Ada Lovelace',
    'ada.private@example.com',
  );
});

afterAll(async () => {
  await server?.close();
});

describe('personal pages', () => {
  it.each([
    ['the booking page', () => booking.manageUrl],
    ['the booking data', () => `${booking.manageUrl}&_data=routes%2Fbookings.%24id`],
    ['my bookings', () => `/bookings?email=${encodeURIComponent(booking.email)}`],
    [
      'my bookings data',
      () => `/bookings?email=${encodeURIComponent(booking.email)}&_data=routes%2Fbookings._index`,
    ],
    ['a mistyped lookup', () => '/bookings?email=ada.private%40example'],
    ['a list link', () => `/bookings/open?token=${'A'.repeat(32)}`],
  ])('%s is sent with Cache-Control: private, no-store', async (_name, path) => {
    const response = await fetch(`${server.url}${path()}`);
    await response.body?.cancel();

    expect([200, 400]).toContain(response.status);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
  });
});

describe('a booking page without its link', () => {
  it.each([
    ['no token', () => `/bookings/${booking.id}`],
    ['a wrong token', () => `/bookings/${booking.id}?token=${'A'.repeat(32)}`],
    [
      'a token with a character changed',
      () => booking.manageUrl.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
    ],
    ['the data of no token', () => `/bookings/${booking.id}?_data=routes%2Fbookings.%24id`],
    ['the calendar file without a token', () => `/bookings/${booking.id}/calendar.ics`],
    [
      'the calendar file with a wrong token',
      () => `/bookings/${booking.id}/calendar.ics?token=${'A'.repeat(32)}`,
    ],
  ])('with %s answers 404 and shows nothing personal', async (_name, path) => {
    const response = await fetch(`${server.url}${path()}`);
    const text = await response.text();

    expect(response.status).toBe(404);
    expect(text).not.toContain('Ada Lovelace');
    expect(text).not.toContain(booking.email);
  });
});

describe('the booking calendar file', () => {
  it('downloads through the private link: one event with the booking UID, in UTC', async () => {
    const token = new URL(booking.manageUrl, server.url).searchParams.get('token')!;
    const response = await fetch(
      `${server.url}/bookings/${booking.id}/calendar.ics?token=${encodeURIComponent(token)}`,
    );
    const text = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="expert-booking-${booking.id}.ics"`,
    );
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(text).toContain('METHOD:PUBLISH');
    expect(text).toContain(`UID:${booking.id}@expert-booking`);
    expect(text).toMatch(/DTSTART:\d{8}T\d{6}Z/);
    expect(text).not.toContain('ada.private@example.com');
  });
});
