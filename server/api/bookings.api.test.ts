import { describe, expect, it } from 'vitest';

import { BookingSchema, BookingSummarySchema } from '../../shared/schemas/booking-record';
import { BookingModel } from '../../models';
import { ADMIN_TOKEN, callApi, NOW, useApiServer } from '../../test/support/api-server';
import { expectValidationError } from '../../test/support/api-expectations';
import {
  bookingInput,
  countBookings,
  createExpert,
  dayFromNow,
  onlyOn,
} from '../../test/support/builders';

const api = await useApiServer();

/** Books through the API; with a key, as an attempt that may be repeated under that key. */
function postBooking(json: unknown, idempotencyKey?: string) {
  return callApi(api.baseUrl, '/api/bookings', {
    method: 'POST',
    json,
    headers: idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey },
  });
}

/** However many requests came, one booking was made, and announced once. */
async function expectOneBookingAnnounced() {
  expect(await countBookings()).toBe(1);
  expect(api.events).toHaveLength(1);
}

function patchStatus(id: string, status: unknown, token: string | null = ADMIN_TOKEN) {
  return callApi(api.baseUrl, `/api/bookings/${id}/status`, {
    method: 'PATCH',
    json: { status },
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
}

describe('POST /api/bookings', () => {
  it('books a free slot as Pending and announces it once', async () => {
    const expert = await createExpert({ name: 'Grace Hopper', timezone: 'America/New_York' });

    const answer = await postBooking(bookingInput(expert.id, { email: '  Ada@Example.COM ' }));

    expect(answer.status).toBe(201);
    const booking = BookingSchema.parse((answer.body as { data: unknown }).data);
    expect(booking).toMatchObject({
      expertId: expert.id,
      expertName: 'Grace Hopper',
      timezone: 'America/New_York',
      email: 'ada@example.com',
      date: dayFromNow(1),
      timeSlot: '09:00-10:00',
      status: 'Pending',
    });
    expect(await countBookings()).toBe(1);
    expect(api.events).toEqual([
      { expertId: expert.id, date: dayFromNow(1), timeSlot: '09:00-10:00' },
    ]);
  });

  it('answers 409 SLOT_TAKEN for a slot that is already booked, and announces nothing', async () => {
    const expert = await createExpert();
    expect((await postBooking(bookingInput(expert.id))).status).toBe(201);

    const second = await postBooking(bookingInput(expert.id, { email: 'other@example.com' }));

    expect(second.status).toBe(409);
    expect(second.body).toEqual({
      code: 'SLOT_TAKEN',
      message: 'This slot is already booked. Please choose another slot.',
    });
    await expectOneBookingAnnounced();
  });

  it('answers 404 for an expert that does not exist', async () => {
    const answer = await postBooking(bookingInput('0123456789abcdef01234567'));
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ code: 'NOT_FOUND' });
    expect(await countBookings()).toBe(0);
  });

  it.each([
    ['a slot the expert does not offer', { timeSlot: '11:00-12:00' }],
    ['a day the expert does not work', { date: dayFromNow(9) }],
    ['a slot in the past', { date: dayFromNow(-1) }],
  ])('answers 422 SLOT_UNAVAILABLE for %s', async (_label, overrides) => {
    const expert = await createExpert({
      availability: onlyOn([
        { date: dayFromNow(-1), timeSlots: ['09:00-10:00'] },
        { date: dayFromNow(1), timeSlots: ['09:00-10:00'] },
      ]),
    });
    const answer = await postBooking(bookingInput(expert.id, overrides));
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ code: 'SLOT_UNAVAILABLE', message: expect.any(String) });
    expect(await countBookings()).toBe(0);
    expect(api.events).toHaveLength(0);
  });

  it('refuses a slot that started earlier today', async () => {
    // The test clock reads 10:00 UTC: the 09:00 slot has started, the 14:00 one has not.
    const expert = await createExpert({
      availability: onlyOn([{ date: dayFromNow(0), timeSlots: ['09:00-10:00', '14:00-15:00'] }]),
    });
    const started = await postBooking(bookingInput(expert.id, { date: dayFromNow(0) }));
    expect(started.status).toBe(422);
    const later = await postBooking(
      bookingInput(expert.id, { date: dayFromNow(0), timeSlot: '14:00-15:00' }),
    );
    expect(later.status).toBe(201);
  });

  it('answers 400 VALIDATION_ERROR naming every missing field', async () => {
    const answer = await postBooking({});
    expectValidationError(answer, {
      expertId: expect.any(String),
      name: 'Name is required.',
      email: 'Email is required.',
      phone: 'Phone is required.',
      date: 'Date is required.',
      timeSlot: 'Time slot is required.',
    });
  });
});

describe('PATCH /api/bookings/:id/status', () => {
  async function pendingBooking() {
    const expert = await createExpert();
    return api.services.bookings.create(bookingInput(expert.id));
  }

  /** Moves the session's start behind the test clock, as if it had begun: it may be completed. */
  async function sessionHasStarted(bookingId: string) {
    await BookingModel.updateOne(
      { _id: bookingId },
      { startsAt: new Date(NOW.getTime() - 60_000) },
    );
  }

  it('moves a booking forward: Pending → Confirmed → Completed', async () => {
    const booking = await pendingBooking();

    const confirmed = await patchStatus(booking.id, 'Confirmed');
    expect(confirmed.status).toBe(200);
    expect(BookingSchema.parse((confirmed.body as { data: unknown }).data).status).toBe(
      'Confirmed',
    );

    await sessionHasStarted(booking.id);
    const completed = await patchStatus(booking.id, 'Completed');
    expect(completed.status).toBe(200);
    expect((await BookingModel.findById(booking.id).lean())?.status).toBe('Completed');
  });

  it.each([
    ['skipping a step', [], 'Completed', 'Pending'],
    ['going back', ['Confirmed'], 'Pending', 'Confirmed'],
    ['staying put', [], 'Pending', 'Pending'],
    ['moving past Completed', ['Confirmed', 'Completed'], 'Confirmed', 'Completed'],
  ])('answers 409 INVALID_TRANSITION for %s', async (_label, before, target, stored) => {
    const booking = await pendingBooking();
    await sessionHasStarted(booking.id);
    for (const status of before) expect((await patchStatus(booking.id, status)).status).toBe(200);

    const answer = await patchStatus(booking.id, target);

    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect((await BookingModel.findById(booking.id).lean())?.status).toBe(stored);
  });

  it.each([
    [
      'completing a session that has not started',
      'Completed',
      'This session has not started yet, so it cannot be completed.',
    ],
    ['the status the booking already has', 'Confirmed', 'This booking is already Confirmed.'],
  ])(
    'answers 409 INVALID_TRANSITION saying why for %s, and keeps it Confirmed',
    async (_label, target, message) => {
      const booking = await pendingBooking();
      expect((await patchStatus(booking.id, 'Confirmed')).status).toBe(200);

      const answer = await patchStatus(booking.id, target);

      expect(answer.status).toBe(409);
      expect(answer.body).toMatchObject({ code: 'INVALID_TRANSITION', message });
      expect((await BookingModel.findById(booking.id).lean())?.status).toBe('Confirmed');
    },
  );

  it('reads the Bearer scheme whatever its case', async () => {
    const booking = await pendingBooking();
    const answer = await callApi(api.baseUrl, `/api/bookings/${booking.id}/status`, {
      method: 'PATCH',
      json: { status: 'Confirmed' },
      headers: { authorization: `bearer ${ADMIN_TOKEN}` },
    });
    expect(answer.status).toBe(200);
  });

  it('answers 401 without a token and 403 with a wrong one, changing nothing', async () => {
    const booking = await pendingBooking();

    const missing = await patchStatus(booking.id, 'Confirmed', null);
    expect(missing.status).toBe(401);
    expect(missing.body).toMatchObject({ code: 'UNAUTHORIZED' });

    const wrong = await patchStatus(booking.id, 'Confirmed', 'not-the-admin-token');
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatchObject({ code: 'FORBIDDEN' });

    expect((await BookingModel.findById(booking.id).lean())?.status).toBe('Pending');
  });

  it('answers 400 for an unknown status or a malformed id, 404 for an unknown booking', async () => {
    const booking = await pendingBooking();

    const badStatus = await patchStatus(booking.id, 'Archived');
    expectValidationError(badStatus, { status: expect.any(String) });

    const badId = await patchStatus('nope', 'Confirmed');
    expect(badId.status).toBe(400);
    expect(badId.body).toMatchObject({ code: 'INVALID_ID' });

    const unknown = await patchStatus('0123456789abcdef01234567', 'Confirmed');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('GET /api/bookings?email=', () => {
  const withToken = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

  it('lists one person’s bookings, soonest first, to a manage token of one of them', async () => {
    const expert = await createExpert();
    const other = await createExpert();
    await api.services.bookings.create(bookingInput(expert.id, { date: dayFromNow(3) }));
    const mine = await api.services.bookings.create(
      bookingInput(other.id, { date: dayFromNow(1) }),
    );
    await api.services.bookings.create(
      bookingInput(expert.id, { date: dayFromNow(2), email: 'someone.else@example.com' }),
    );

    for (const token of [mine.manageToken, ADMIN_TOKEN]) {
      const answer = await callApi(
        api.baseUrl,
        '/api/bookings?email=ADA%40example.com',
        withToken(token),
      );
      expect(answer.status).toBe(200);
      const data = (answer.body as { data: unknown[] }).data.map((item) =>
        BookingSummarySchema.parse(item),
      );
      expect(data.map((booking) => booking.date)).toEqual([dayFromNow(1), dayFromNow(3)]);
    }
  });

  it('answers the admin an empty list for an address with no bookings', async () => {
    const answer = await callApi(
      api.baseUrl,
      '/api/bookings?email=nobody%40example.com',
      withToken(ADMIN_TOKEN),
    );
    expect(answer).toMatchObject({ status: 200, body: { data: [] } });
  });

  it('tells nobody without proof whether an address has bookings: one 401 for all', async () => {
    const expert = await createExpert();
    await api.services.bookings.create(bookingInput(expert.id));
    const strangers = await api.services.bookings.create(
      bookingInput(expert.id, { email: 'mallory@example.com', timeSlot: '10:00-11:00' }),
    );
    const asks = [
      ['ada%40example.com', {}],
      ['nobody%40example.com', {}],
      ['ada%40example.com', withToken(strangers.manageToken)],
      ['nobody%40example.com', withToken(strangers.manageToken)],
      ['ada%40example.com', withToken('A'.repeat(32))],
      ['ada%40example.com', withToken('not a token at all')],
    ] as const;

    const answers = [];
    for (const [email, init] of asks) {
      answers.push(await callApi(api.baseUrl, `/api/bookings?email=${email}`, init));
    }

    for (const answer of answers) {
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual(answers[0]!.body);
    }
    expect(answers[0]!.body).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(JSON.stringify(answers[0]!.body)).not.toMatch(/ada|nobody|booking id/i);
  });

  it.each([
    ['a missing email', ''],
    ['a malformed email', '?email=not-an-address'],
    ['an operator object', '?email[$ne]=x'],
    ['a repeated email', '?email=a%40example.com&email=b%40example.com'],
  ])('answers 400 for %s', async (_label, query) => {
    const answer = await callApi(api.baseUrl, `/api/bookings${query}`);
    expectValidationError(answer, { email: expect.any(String) });
  });
});

describe('repeating a booking attempt', () => {
  const KEY = 'attempt-0001';

  /** A booking request for the expert, sent as the attempt named KEY. */
  const sendUnderKey = (expertId: string, overrides: Record<string, unknown> = {}) =>
    postBooking(bookingInput(expertId, overrides), KEY);

  /** An expert, and the booking of theirs that an earlier attempt named KEY made. */
  async function bookedUnderKey(expertOverrides: Parameters<typeof createExpert>[0] = {}) {
    const expert = await createExpert(expertOverrides);
    const booking = await api.services.bookings.create(bookingInput(expert.id), {
      idempotencyKey: KEY,
    });
    return { expert, booking };
  }

  it('returns the booking it already made for the same Idempotency-Key', async () => {
    const expert = await createExpert();
    const attempt = () => sendUnderKey(expert.id);

    const [first, second] = await Promise.all([attempt(), attempt()]);
    const third = await attempt();

    for (const answer of [first, second, third]) expect(answer.status).toBe(201);
    const ids = [first, second, third].map(
      (answer) => (answer.body as { data: { id: string } }).data.id,
    );
    expect(new Set(ids).size).toBe(1);
    await expectOneBookingAnnounced();
  });

  it('still answers SLOT_TAKEN to a different attempt for the same slot', async () => {
    const { expert } = await bookedUnderKey();

    const other = await postBooking(bookingInput(expert.id), 'attempt-0002');
    expect(other.status).toBe(409);
  });

  it('refuses the same key for another slot, booking nothing more', async () => {
    const { expert } = await bookedUnderKey();

    const answer = await sendUnderKey(expert.id, { timeSlot: '10:00-11:00' });

    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    await expectOneBookingAnnounced();
  });

  it('tells nothing of the booking to the same key and email with another name and phone', async () => {
    const { expert, booking: victim } = await bookedUnderKey({ name: 'Grace Hopper' });

    const forged = await sendUnderKey(expert.id, {
      name: 'Mallory Mole',
      phone: '+1 555 666 7777',
    });

    expect(forged.status).toBe(409);
    expect(forged.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    const told = JSON.stringify(forged.body);
    for (const secret of [victim.id, victim.name, victim.phone, victim.notes, 'Grace Hopper']) {
      expect(told).not.toContain(secret);
    }
    expect(told).not.toContain('manage');
    // No new token either: the victim's booking keeps the one it was made with.
    const stored = await BookingModel.findById(victim.id).lean();
    expect(stored?.manageTokenHashes).toHaveLength(1);
    for (const notes of ['', 'Another note.']) {
      expect((await sendUnderKey(expert.id, { notes })).status).toBe(409);
    }

    // Only the very same request (however its JSON is ordered) replays the first answer.
    const same = await postBooking(
      Object.fromEntries(Object.entries(bookingInput(expert.id)).reverse()),
      KEY,
    );
    expect(same.status).toBe(201);
    expect((same.body as { data: { id: string } }).data.id).toBe(victim.id);
    expect(await countBookings()).toBe(1);
  });

  it('lets only one of several racing repeats of an attempt book, whatever slots they name', async () => {
    const expert = await createExpert();
    const answers = await Promise.all(
      ['09:00-10:00', '10:00-11:00', '14:00-15:00'].map((timeSlot) =>
        sendUnderKey(expert.id, { timeSlot }),
      ),
    );

    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409]);
    await expectOneBookingAnnounced();
  });

  it('keeps keys apart per email: another person’s key neither replays nor blocks', async () => {
    const { expert } = await bookedUnderKey();

    const sameSlot = await sendUnderKey(expert.id, { email: 'mallory@example.com' });
    expect(sameSlot.status).toBe(409);
    expect(JSON.stringify(sameSlot.body)).not.toContain('ada@example.com');

    const otherSlot = await sendUnderKey(expert.id, {
      email: 'bob@example.com',
      timeSlot: '10:00-11:00',
    });
    expect(otherSlot.status).toBe(201);
    expect(await countBookings()).toBe(2);
  });

  it('refuses a malformed key', async () => {
    const expert = await createExpert();
    const answer = await postBooking(bookingInput(expert.id), 'no');
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ fields: { idempotencyKey: expect.any(String) } });
    expect(await countBookings()).toBe(0);
  });
});
