import { beforeEach, describe, expect, it } from 'vitest';

import { BookingSchema, CreatedBookingSchema } from '../../shared/schemas/booking-record';
import { ADMIN_TOKEN, callApi, NOW, useApiServer } from '../../test/support/api-server';
import { bookingInput, createExpert, everyDay } from '../../test/support/builders';

const HOUR = 60 * 60_000;

let now = NOW;
const api = await useApiServer({ clock: () => now });

beforeEach(() => {
  now = NOW;
});

/** An expert in Berlin who asks for a day's notice: sessions at 09:00, 10:00 and 14:00 daily. */
async function expertWithNotice(cancellationNoticeMinutes = 24 * 60) {
  return createExpert({
    timezone: 'Europe/Berlin',
    availability: { ...everyDay(), cancellationNoticeMinutes },
  });
}

async function book(expertId: string, overrides: Record<string, unknown> = {}) {
  const answer = await callApi(api.baseUrl, '/api/bookings', {
    method: 'POST',
    json: bookingInput(expertId, { date: '2030-03-08', ...overrides }),
  });
  expect(answer.status).toBe(201);
  return CreatedBookingSchema.parse((answer.body as { data: unknown }).data);
}

function post(path: string, json: unknown, token: string) {
  return callApi(api.baseUrl, path, {
    method: 'POST',
    json,
    headers: { authorization: `Bearer ${token}` },
  });
}

const bookingOf = (answer: { body: unknown }) =>
  BookingSchema.parse((answer.body as { data: unknown }).data);

describe('a booking made under a cancellation notice', () => {
  it('carries its deadline and its reminders in every answer', async () => {
    const expert = await expertWithNotice();
    const created = await book(expert.id);
    // 09:00 in Berlin on 8 March 2030 is 08:00 UTC; a day's notice ends 24 hours before.
    expect(created.startsAt).toBe('2030-03-08T08:00:00.000Z');
    expect(created.cancellableUntil).toBe('2030-03-07T08:00:00.000Z');
    expect(created.reminders).toEqual([
      { kind: '24h', sendAt: '2030-03-07T08:00:00.000Z', status: 'scheduled' },
      { kind: '1h', sendAt: '2030-03-08T07:00:00.000Z', status: 'scheduled' },
    ]);
    const read = await callApi(api.baseUrl, `/api/bookings/${created.id}`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(bookingOf(read)).toMatchObject({
      cancellableUntil: created.cancellableUntil,
      reminders: created.reminders,
    });
  });

  it('has no deadline when the expert asks for no notice', async () => {
    const expert = await expertWithNotice(0);
    expect((await book(expert.id)).cancellableUntil).toBeNull();
  });

  it('lets its client cancel before the deadline (outside the notice)', async () => {
    const expert = await expertWithNotice();
    const created = await book(expert.id);
    now = new Date(Date.parse(created.cancellableUntil!) - 1_000);
    const answer = await post(`/api/bookings/${created.id}/cancel`, {}, created.manageToken);
    expect(answer.status).toBe(200);
    expect(bookingOf(answer).status).toBe('Cancelled');
  });

  it('answers 409 TOO_LATE_TO_CHANGE to its client inside the notice, cancel and move alike', async () => {
    const expert = await expertWithNotice();
    const created = await book(expert.id);
    now = new Date(created.cancellableUntil!);
    const message = 'Changes were possible until Thu 7 Mar, 08:00 UTC; contact the expert.';

    const cancel = await post(`/api/bookings/${created.id}/cancel`, {}, created.manageToken);
    expect(cancel.status).toBe(409);
    expect(cancel.body).toEqual({ code: 'TOO_LATE_TO_CHANGE', message });

    const move = await post(
      `/api/bookings/${created.id}/reschedule`,
      { date: '2030-03-09', timeSlot: '10:00-11:00' },
      created.manageToken,
    );
    expect(move.status).toBe(409);
    expect(move.body).toEqual({ code: 'TOO_LATE_TO_CHANGE', message });

    const read = await callApi(api.baseUrl, `/api/bookings/${created.id}`, {
      headers: { authorization: `Bearer ${created.manageToken}` },
    });
    expect(bookingOf(read)).toMatchObject({ status: 'Pending', date: '2030-03-08' });
  });

  it('still lets the admin cancel inside the notice, with a reason', async () => {
    const expert = await expertWithNotice();
    const created = await book(expert.id);
    now = new Date(Date.parse(created.startsAt) - HOUR);
    const answer = await post(
      `/api/bookings/${created.id}/cancel`,
      { reason: 'The expert is ill.' },
      ADMIN_TOKEN,
    );
    expect(answer.status).toBe(200);
    const cancelled = bookingOf(answer);
    expect(cancelled.status).toBe('Cancelled');
    expect(cancelled.history.at(-1)).toMatchObject({ by: 'admin', reason: 'The expert is ill.' });
    // No scan ran in this test: both were still waiting, and neither will go out now.
    expect(cancelled.reminders.map((reminder) => reminder.status)).toEqual([
      'cancelled',
      'cancelled',
    ]);
  });

  it('asks the admin why, inside the notice, and changes nothing until told', async () => {
    const expert = await expertWithNotice();
    const created = await book(expert.id);
    now = new Date(Date.parse(created.startsAt) - HOUR);
    const byAdmin = { authorization: `Bearer ${ADMIN_TOKEN}` };
    const refusals = [
      await post(`/api/bookings/${created.id}/cancel`, {}, ADMIN_TOKEN),
      await post(`/api/bookings/${created.id}/cancel`, { reason: ' \n ' }, ADMIN_TOKEN),
      await callApi(api.baseUrl, `/api/bookings/${created.id}/status`, {
        method: 'PATCH',
        json: { status: 'Cancelled' },
        headers: byAdmin,
      }),
    ];
    for (const refused of refusals) {
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({
        code: 'VALIDATION_ERROR',
        fields: { reason: 'Say why the session is cancelled: its cancellation notice has begun.' },
      });
    }
    const read = await callApi(api.baseUrl, `/api/bookings/${created.id}`, { headers: byAdmin });
    expect(bookingOf(read)).toMatchObject({ status: 'Pending', history: [] });

    const cancelled = await callApi(api.baseUrl, `/api/bookings/${created.id}/status`, {
      method: 'PATCH',
      json: { status: 'Cancelled', reason: 'The room is flooded.' },
      headers: byAdmin,
    });
    expect(cancelled.status).toBe(200);
    expect(bookingOf(cancelled).history.at(-1)).toMatchObject({
      by: 'admin',
      to: { status: 'Cancelled' },
      reason: 'The room is flooded.',
    });
  });

  it('lets the admin cancel without a reason outside the notice, and takes one on the way', async () => {
    const expert = await expertWithNotice();
    const [first, second] = [
      await book(expert.id),
      await book(expert.id, { timeSlot: '10:00-11:00' }),
    ];
    const byAdmin = { authorization: `Bearer ${ADMIN_TOKEN}` };
    const plain = await post(`/api/bookings/${first.id}/cancel`, {}, ADMIN_TOKEN);
    expect(bookingOf(plain).status).toBe('Cancelled');
    const patched = await callApi(api.baseUrl, `/api/bookings/${second.id}/status`, {
      method: 'PATCH',
      json: { status: 'Cancelled', reason: 'Moved to a course.' },
      headers: byAdmin,
    });
    expect(bookingOf(patched).history.at(-1)).toMatchObject({ reason: 'Moved to a course.' });
  });

  it('refuses a reason with a step forward, which has no use for one', async () => {
    const expert = await expertWithNotice();
    const created = await book(expert.id);
    const answer = await callApi(api.baseUrl, `/api/bookings/${created.id}/status`, {
      method: 'PATCH',
      json: { status: 'Confirmed', reason: 'Looks fine.' },
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      code: 'VALIDATION_ERROR',
      fields: { reason: 'A reason goes only with a cancellation.' },
    });
  });

  it('asks the expert why too, inside the notice', async () => {
    const expert = await expertWithNotice();
    const created = await book(expert.id);
    now = new Date(Date.parse(created.startsAt) - HOUR);
    await expect(
      api.services.bookings.cancel(created.id, {}, { by: 'expert', expertId: expert.id }),
    ).rejects.toMatchObject({ code: 'VALIDATION_ERROR', fields: { reason: expect.any(String) } });
  });

  it('still lets the expert cancel inside the notice', async () => {
    const expert = await expertWithNotice();
    const created = await book(expert.id);
    now = new Date(Date.parse(created.startsAt) - HOUR);
    const cancelled = await api.services.bookings.cancel(
      created.id,
      { reason: 'A clash in my calendar.' },
      { by: 'expert', expertId: expert.id },
    );
    expect(cancelled.status).toBe('Cancelled');
  });

  it('keeps the deadline it was made with when the notice changes afterwards', async () => {
    const expert = await expertWithNotice();
    const created = await book(expert.id);
    const rules = await callApi(api.baseUrl, `/api/experts/${expert.id}/availability`);
    const availability = (rules.body as { data: Record<string, unknown> }).data;
    expect(availability.cancellationNoticeMinutes).toBe(24 * 60);
    const put = await callApi(api.baseUrl, `/api/experts/${expert.id}/availability`, {
      method: 'PUT',
      json: { ...availability, cancellationNoticeMinutes: 0 },
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(put.status).toBe(200);

    const later = await book(expert.id, { timeSlot: '10:00-11:00', email: 'bob@example.com' });
    expect(later.cancellableUntil).toBeNull();
    now = new Date(created.cancellableUntil!);
    const refused = await post(`/api/bookings/${created.id}/cancel`, {}, created.manageToken);
    expect(refused.body).toMatchObject({ code: 'TOO_LATE_TO_CHANGE' });
    const allowed = await post(`/api/bookings/${later.id}/cancel`, {}, later.manageToken);
    expect(allowed.status).toBe(200);
  });

  it('moves its deadline and reminders with a move, by the notice it was made with', async () => {
    const expert = await expertWithNotice();
    const created = await book(expert.id);
    const answer = await post(
      `/api/bookings/${created.id}/reschedule`,
      { date: '2030-03-09', timeSlot: '14:00-15:00' },
      created.manageToken,
    );
    expect(answer.status).toBe(200);
    expect(bookingOf(answer)).toMatchObject({
      startsAt: '2030-03-09T13:00:00.000Z',
      cancellableUntil: '2030-03-08T13:00:00.000Z',
      reminders: [
        { kind: '24h', sendAt: '2030-03-08T13:00:00.000Z', status: 'scheduled' },
        { kind: '1h', sendAt: '2030-03-09T12:00:00.000Z', status: 'scheduled' },
      ],
    });
  });
});

describe('the notice in the availability rules', () => {
  it.each([
    [-5, 'Cancellation notice must be at least 0.'],
    [10_081, 'Cancellation notice must be at most 10080.'],
    [1.5, 'Cancellation notice must be a whole number.'],
  ])('refuses %s minutes', async (minutes, message) => {
    const expert = await expertWithNotice();
    const rules = await callApi(api.baseUrl, `/api/experts/${expert.id}/availability`);
    const availability = (rules.body as { data: Record<string, unknown> }).data;
    const put = await callApi(api.baseUrl, `/api/experts/${expert.id}/availability`, {
      method: 'PUT',
      json: { ...availability, cancellationNoticeMinutes: minutes },
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(put.status).toBe(400);
    expect(put.body).toMatchObject({ fields: { cancellationNoticeMinutes: message } });
  });

  it('is 0 (any time before the start) for rules saved without it', async () => {
    const expert = await createExpert();
    const rules = await callApi(api.baseUrl, `/api/experts/${expert.id}/availability`);
    expect((rules.body as { data: Record<string, unknown> }).data).toMatchObject({
      cancellationNoticeMinutes: 0,
    });
  });
});

describe('the OpenAPI document', () => {
  it('documents the booking’s reminders and deadline, the rule and TOO_LATE_TO_CHANGE', async () => {
    const answer = await callApi(api.baseUrl, '/api/openapi.json');
    const text = JSON.stringify(answer.body);
    const schemas = (answer.body as { components: { schemas: Record<string, unknown> } }).components
      .schemas;
    expect(JSON.stringify(schemas.Error409)).toContain('TOO_LATE_TO_CHANGE');
    expect(text).toMatch(/"reminders":\{"type":"array"/);
    expect(text).toContain('"cancellableUntil"');
    expect(text).toContain('"cancellationNoticeMinutes"');
    expect(text).toMatch(/"enum":\["scheduled","sent","skipped","cancelled","failed"\]/);
  });
});
