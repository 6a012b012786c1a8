import { describe, expect, it } from 'vitest';

import { BookingSchema, CreatedBookingSchema } from '../../shared/schemas/booking-record';
import { ACTIVE, BookingModel } from '../../models';
import { ADMIN_TOKEN, callApi, useApiServer } from '../../test/support/api-server';
import { expectValidationError } from '../../test/support/api-expectations';
import {
  bookingInput,
  createExpert,
  dayFromNow,
  DEFAULT_SLOTS,
  onlyOn,
} from '../../test/support/builders';

const api = await useApiServer();

async function book(json: Record<string, unknown>, headers: Record<string, string> = {}) {
  const answer = await callApi(api.baseUrl, '/api/bookings', { method: 'POST', json, headers });
  expect(answer.status).toBe(201);
  return CreatedBookingSchema.parse((answer.body as { data: unknown }).data);
}

function post(path: string, json: unknown, token: string | null) {
  return callApi(api.baseUrl, path, {
    method: 'POST',
    json,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
}

const cancel = (id: string, token: string | null, json: unknown = {}) =>
  post(`/api/bookings/${id}/cancel`, json, token);
const reschedule = (id: string, token: string | null, json: unknown) =>
  post(`/api/bookings/${id}/reschedule`, json, token);

function bookingOf(answer: { body: unknown }) {
  return BookingSchema.parse((answer.body as { data: unknown }).data);
}

describe('the private manage link', () => {
  it('is answered once on creation: 192 random bits, base64url, and only its hash is stored', async () => {
    const expert = await createExpert();
    const created = await book(bookingInput(expert.id));

    expect(created.manageToken).toMatch(/^[\w-]{32}$/);
    expect(created.manageUrl).toBe(`/bookings/${created.id}?token=${created.manageToken}`);
    const stored = await BookingModel.findById(created.id).lean();
    expect(JSON.stringify(stored)).not.toContain(created.manageToken);
    expect(stored?.manageTokenHashes).toHaveLength(1);
  });

  it('never appears in GET answers', async () => {
    const expert = await createExpert();
    const created = await book(bookingInput(expert.id));

    const answers = await Promise.all([
      callApi(api.baseUrl, `/api/bookings?email=${encodeURIComponent(created.email)}`, {
        headers: { authorization: `Bearer ${created.manageToken}` },
      }),
      callApi(api.baseUrl, `/api/bookings/${created.id}`, {
        headers: { authorization: `Bearer ${created.manageToken}` },
      }),
      callApi(api.baseUrl, `/api/experts/${expert.id}`),
      callApi(api.baseUrl, '/api/experts'),
    ]);

    for (const answer of answers) {
      expect(answer.status).toBe(200);
      const text = JSON.stringify(answer.body);
      expect(text).not.toContain(created.manageToken);
      expect(text).not.toMatch(/manageToken|manageTokenHashes|manageUrl/);
    }
  });

  it('is kept out of caches with every answer that carries a person’s data, unlike the catalogue', async () => {
    const expert = await createExpert();
    const created = await fetch(`${api.baseUrl}/api/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(bookingInput(expert.id)),
    });
    const { data } = (await created.json()) as { data: unknown };
    const { id, manageToken } = CreatedBookingSchema.parse(data);
    const read = await fetch(`${api.baseUrl}/api/bookings/${id}`, {
      headers: { authorization: `Bearer ${manageToken}` },
    });
    const catalogue = await fetch(`${api.baseUrl}/api/experts/${expert.id}`);

    expect(created.headers.get('cache-control')).toBe('no-store');
    expect(read.headers.get('cache-control')).toBe('no-store');
    expect(catalogue.headers.get('cache-control')).toBeNull();
  });

  it('opens the booking for its holder; a wrong token gets 403, none 401', async () => {
    const expert = await createExpert();
    const created = await book(bookingInput(expert.id));
    const other = await book(bookingInput(expert.id, { timeSlot: '10:00-11:00' }));
    const path = `/api/bookings/${created.id}`;

    const own = await callApi(api.baseUrl, path, {
      headers: { authorization: `Bearer ${created.manageToken}` },
    });
    expect(bookingOf(own)).toMatchObject({ id: created.id, name: 'Ada Lovelace' });
    expect(
      (await callApi(api.baseUrl, path, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } }))
        .status,
    ).toBe(200);
    const wrong = await callApi(api.baseUrl, path, {
      headers: { authorization: `Bearer ${other.manageToken}` },
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatchObject({ code: 'FORBIDDEN' });
    expect((await callApi(api.baseUrl, path)).status).toBe(401);
  });

  it('is issued afresh on an idempotent replay; the first link keeps working', async () => {
    const expert = await createExpert();
    const headers = { 'idempotency-key': 'attempt-0001' };
    const first = await book(bookingInput(expert.id), headers);
    const replay = await book(bookingInput(expert.id), headers);

    expect(replay.id).toBe(first.id);
    expect(replay.manageToken).not.toBe(first.manageToken);
    for (const token of [first.manageToken, replay.manageToken]) {
      expect((await cancel(first.id, token, { reason: 'x'.repeat(501) })).status).toBe(400);
    }
    expect(api.events).toHaveLength(1);
  });
});

describe('GET /api/bookings?email=', () => {
  it('shows nothing personal: id, expert, date, time, zone and status only', async () => {
    const expert = await createExpert();
    const created = await book(bookingInput(expert.id));

    const answer = await callApi(api.baseUrl, '/api/bookings?email=ada@example.com', {
      headers: { authorization: `Bearer ${created.manageToken}` },
    });

    expect((answer.body as { data: unknown[] }).data).toEqual([
      {
        id: created.id,
        expertId: expert.id,
        expertName: expert.name,
        date: created.date,
        timeSlot: created.timeSlot,
        timezone: 'UTC',
        status: 'Pending',
      },
    ]);
  });
});

describe('POST /api/bookings/:id/cancel', () => {
  it('cancels, keeps the history, and frees the slot for someone else at once', async () => {
    const expert = await createExpert({
      availability: onlyOn([{ date: dayFromNow(1), timeSlots: ['09:00-10:00'] }]),
    });
    const created = await book(bookingInput(expert.id));

    const answer = await cancel(created.id, created.manageToken, { reason: 'Plans changed' });

    expect(answer.status).toBe(200);
    const cancelled = bookingOf(answer);
    expect(cancelled.status).toBe('Cancelled');
    expect(cancelled.history).toEqual([
      {
        at: expect.any(String),
        by: 'client',
        from: { status: 'Pending', date: created.date, timeSlot: created.timeSlot },
        to: { status: 'Cancelled', date: created.date, timeSlot: created.timeSlot },
        reason: 'Plans changed',
      },
    ]);
    const slot = { expertId: expert.id, date: created.date, timeSlot: created.timeSlot };
    expect(api.released).toEqual([slot]);
    const detail = await callApi(api.baseUrl, `/api/experts/${expert.id}`);
    const slots = (detail.body as { data: { slots: Record<string, unknown>[] } }).data.slots;
    expect(
      slots.find((each) => each.date === slot.date && each.timeSlot === slot.timeSlot),
    ).toMatchObject({ available: true });
    const list = await callApi(api.baseUrl, '/api/experts');
    expect((list.body as { data: { nextAvailableSlot: unknown }[] }).data[0]).toMatchObject({
      nextAvailableSlot: { date: slot.date, timeSlot: slot.timeSlot },
    });

    const again = await book(bookingInput(expert.id, { email: 'grace@example.com' }));
    expect(again.status).toBe('Pending');
    expect(await BookingModel.countDocuments({ activeKey: ACTIVE })).toBe(1);
  });

  it('cancels once however often it is asked, even concurrently', async () => {
    const expert = await createExpert();
    // Several rounds: on FerretDB a conditional update alone would let racing cancels both apply.
    for (const timeSlot of DEFAULT_SLOTS) {
      const created = await book(bookingInput(expert.id, { timeSlot }));
      api.released.length = 0;
      api.mails.length = 0;

      const answers = await Promise.all(
        Array.from({ length: 8 }, () => cancel(created.id, created.manageToken)),
      );

      expect(answers.map((answer) => answer.status)).toEqual(Array(8).fill(200));
      const stored = await BookingModel.findById(created.id).lean();
      expect(stored?.history).toHaveLength(1);
      expect(api.released).toHaveLength(1);
      expect(api.mails.map((mail) => mail.kind)).toEqual(['cancelled']);
    }
  });

  it('applies racing changes of one booking one at a time: a move and a cancel never both half-apply', async () => {
    const expert = await createExpert();
    const created = await book(bookingInput(expert.id));

    const [moved, cancelled] = await Promise.all([
      reschedule(created.id, created.manageToken, { date: dayFromNow(2), timeSlot: '09:00-10:00' }),
      cancel(created.id, created.manageToken),
    ]);

    expect(cancelled.status).toBe(200);
    const stored = await BookingModel.findById(created.id).lean();
    expect(stored?.status).toBe('Cancelled');
    expect(stored?.activeKey).toBe(created.id);
    // Whichever came first, every change answered is in the history, in order.
    expect(stored?.history.map((entry) => entry.to.status)).toEqual(
      moved.status === 200 ? ['Pending', 'Cancelled'] : ['Cancelled'],
    );
    if (moved.status !== 200) expect(moved.body).toMatchObject({ code: 'INVALID_TRANSITION' });
  });

  it('refuses wrong, missing and malformed tokens, changing nothing', async () => {
    const expert = await createExpert();
    const created = await book(bookingInput(expert.id));
    const other = await book(bookingInput(expert.id, { timeSlot: '10:00-11:00' }));

    expect((await cancel(created.id, null)).status).toBe(401);
    expect((await cancel(created.id, other.manageToken)).status).toBe(403);
    expect((await cancel(created.id, 'short')).status).toBe(403);
    expect((await cancel(created.id, `${created.manageToken}x`)).status).toBe(403);
    expect((await cancel('0123456789abcdef01234567', created.manageToken)).status).toBe(404);
    expect((await cancel('nope', created.manageToken)).status).toBe(400);
    expect((await BookingModel.findById(created.id).lean())?.status).toBe('Pending');
    expect(api.released).toEqual([]);
  });

  it('refuses a reason or notes with a NUL character, which the database cannot store', async () => {
    const expert = await createExpert();
    const created = await book(bookingInput(expert.id));
    const answer = await cancel(created.id, created.manageToken, { reason: 'ill\u0000' });
    expectValidationError(answer, { reason: expect.any(String) });
    expect((await BookingModel.findById(created.id).lean())?.status).toBe('Pending');
    const notes = await callApi(api.baseUrl, '/api/bookings', {
      method: 'POST',
      json: bookingInput(expert.id, { timeSlot: '10:00-11:00', notes: 'a\u0000b' }),
    });
    expect(notes.status).toBe(400);
  });

  it('answers 409 INVALID_TRANSITION for a completed booking or a session that has started', async () => {
    const expert = await createExpert({
      availability: onlyOn([
        { date: dayFromNow(0), timeSlots: ['14:00-15:00'] },
        { date: dayFromNow(1), timeSlots: ['09:00-10:00'] },
      ]),
    });
    const completed = await book(bookingInput(expert.id));
    // Completed only once the session has begun: move its start behind the test clock.
    await BookingModel.updateOne(
      { _id: completed.id },
      { startsAt: new Date('2030-03-04T09:00:00Z') },
    );
    for (const status of ['Confirmed', 'Completed']) {
      await api.services.bookings.changeStatus(completed.id, { status }, { by: 'admin' });
    }
    const today = await book(
      bookingInput(expert.id, { date: dayFromNow(0), timeSlot: '14:00-15:00' }),
    );
    // The session starts at 14:00 UTC; the test clock reads 10:00: move it there.
    await BookingModel.updateOne({ _id: today.id }, { startsAt: new Date('2030-03-04T09:00:00Z') });

    for (const booking of [completed, today]) {
      const answer = await cancel(booking.id, booking.manageToken);
      expect(answer.status).toBe(409);
      expect(answer.body).toMatchObject({ code: 'INVALID_TRANSITION' });
    }
    expect(api.released).toEqual([]);
  });

  it('is what PATCH …/status with Cancelled does for an admin', async () => {
    const expert = await createExpert();
    const created = await book(bookingInput(expert.id));

    const answer = await callApi(api.baseUrl, `/api/bookings/${created.id}/status`, {
      method: 'PATCH',
      json: { status: 'Cancelled' },
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });

    expect(bookingOf(answer)).toMatchObject({ status: 'Cancelled', history: [{ by: 'admin' }] });
    expect(api.released).toHaveLength(1);
    const back = await callApi(api.baseUrl, `/api/bookings/${created.id}/status`, {
      method: 'PATCH',
      json: { status: 'Confirmed' },
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(back.body).toMatchObject({ code: 'INVALID_TRANSITION' });
  });
});

describe('POST /api/bookings/:id/reschedule', () => {
  it('moves the booking: same id, Pending again, old slot free, and the old link still opens it', async () => {
    const expert = await createExpert();
    const created = await book(bookingInput(expert.id));
    await api.services.bookings.changeStatus(created.id, { status: 'Confirmed' }, { by: 'admin' });
    const target = { date: dayFromNow(2), timeSlot: '14:00-15:00' };

    const answer = await reschedule(created.id, created.manageToken, target);

    expect(answer.status).toBe(200);
    const moved = bookingOf(answer);
    expect(moved).toMatchObject({ id: created.id, ...target, status: 'Pending' });
    expect(moved.startsAt).toBe(`${target.date}T14:00:00.000Z`);
    expect(moved.history.at(-1)).toMatchObject({
      by: 'client',
      from: { status: 'Confirmed', date: created.date, timeSlot: created.timeSlot },
      to: { status: 'Pending', ...target },
    });
    const stored = await BookingModel.findById(created.id).lean();
    expect(stored?.month).toBe(target.date.slice(0, 7));
    const old = { expertId: expert.id, date: created.date, timeSlot: created.timeSlot };
    expect(api.released).toEqual([old]);
    expect(api.events.at(-1)).toEqual({ expertId: expert.id, ...target });

    const reopened = await callApi(api.baseUrl, `/api/bookings/${created.id}`, {
      headers: { authorization: `Bearer ${created.manageToken}` },
    });
    expect(bookingOf(reopened)).toMatchObject(target);
    expect((await book(bookingInput(expert.id, { email: 'b@example.com' }))).date).toBe(old.date);
  });

  it('answers 409 SLOT_TAKEN for a taken slot and leaves the booking untouched', async () => {
    const expert = await createExpert();
    const created = await book(bookingInput(expert.id));
    const taken = await book(bookingInput(expert.id, { timeSlot: '10:00-11:00' }));
    const before = await BookingModel.findById(created.id).lean();

    const answer = await reschedule(created.id, created.manageToken, {
      date: taken.date,
      timeSlot: taken.timeSlot,
    });

    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ code: 'SLOT_TAKEN' });
    expect(await BookingModel.findById(created.id).lean()).toEqual(before);
    expect(api.released).toEqual([]);
  });

  it('answers 422 for a slot not offered, 400 for a malformed one, 409 once cancelled', async () => {
    const expert = await createExpert();
    const created = await book(bookingInput(expert.id));

    const unoffered = await reschedule(created.id, created.manageToken, {
      date: dayFromNow(1),
      timeSlot: '11:00-12:00',
    });
    expect(unoffered.body).toMatchObject({ code: 'SLOT_UNAVAILABLE' });
    const malformed = await reschedule(created.id, created.manageToken, { date: 'soon' });
    expectValidationError(malformed, { date: expect.any(String) });
    await cancel(created.id, created.manageToken);
    const late = await reschedule(created.id, created.manageToken, {
      date: dayFromNow(2),
      timeSlot: '09:00-10:00',
    });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'INVALID_TRANSITION' });
  });

  it('moves exactly one of 50 different bookings racing for one free slot', async () => {
    const hours = Array.from({ length: 17 }, (_, i) => {
      const h = String(6 + i).padStart(2, '0');
      const next = String(7 + i).padStart(2, '0');
      return `${h}:00-${next}:00`;
    });
    const days = [1, 2, 3].map(dayFromNow);
    const expert = await createExpert({
      availability: onlyOn(days.map((date) => ({ date, timeSlots: hours }))),
    });
    const slots = days.flatMap((date) => hours.map((timeSlot) => ({ date, timeSlot })));
    const free = slots.pop()!;
    const bookings = await Promise.all(
      slots.map((slot, i) =>
        api.services.bookings.create(
          bookingInput(expert.id, { ...slot, email: `r${i}@example.com` }),
        ),
      ),
    );
    expect(bookings).toHaveLength(50);

    const answers = await Promise.all(
      bookings.map((booking) => reschedule(booking.id, booking.manageToken, free)),
    );

    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(49);
    expect(await BookingModel.countDocuments({ expertId: expert.id, ...free })).toBe(1);
    expect(await BookingModel.countDocuments({ expertId: expert.id, activeKey: ACTIVE })).toBe(50);
    expect(api.released).toHaveLength(1);
  });
});

describe('messages to the person who booked', () => {
  it('hands over one message per change, each with a working link of its own; none for repeats', async () => {
    const expert = await createExpert();
    const headers = { 'idempotency-key': 'attempt-mail-1' };
    const created = await book(bookingInput(expert.id), headers);
    await book(bookingInput(expert.id), headers);
    await reschedule(created.id, created.manageToken, {
      date: dayFromNow(2),
      timeSlot: '09:00-10:00',
    });
    await cancel(created.id, created.manageToken);
    await cancel(created.id, created.manageToken);

    expect(api.mails.map((mail) => mail.kind)).toEqual(['made', 'rescheduled', 'cancelled']);
    expect(api.mails[0]!.manageUrl).toBe(created.manageUrl);
    for (const mail of api.mails) {
      const token = new URL(mail.manageUrl, 'http://x').searchParams.get('token')!;
      const opened = await callApi(api.baseUrl, `/api/bookings/${created.id}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(opened.status).toBe(200);
    }
  });

  it('"send me my links" hands over fresh links to coming active bookings only; old links keep working', async () => {
    const expert = await createExpert();
    const coming = await book(bookingInput(expert.id));
    const cancelled = await book(bookingInput(expert.id, { timeSlot: '10:00-11:00' }));
    await cancel(cancelled.id, cancelled.manageToken);
    api.mails.length = 0;

    await api.services.bookings.sendManageLinks({ email: 'ADA@example.com' });
    await api.services.bookings.sendManageLinks({ email: 'nobody@example.com' });

    expect(api.mails).toEqual([
      { kind: 'links', to: 'ada@example.com', bookingId: coming.id, manageUrl: expect.any(String) },
    ]);
    const fresh = new URL(api.mails[0]!.manageUrl, 'http://x').searchParams.get('token')!;
    expect(fresh).not.toBe(coming.manageToken);
    for (const token of [fresh, coming.manageToken]) {
      const opened = await callApi(api.baseUrl, `/api/bookings/${coming.id}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(opened.status).toBe(200);
    }
  });
});
