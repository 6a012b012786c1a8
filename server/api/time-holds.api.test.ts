import { Types } from 'mongoose';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';

import type { AvailabilityInput } from '../../shared/schemas/availability';
import { CreatedBookingSchema } from '../../shared/schemas/booking-record';
import { ExpertSchema, type Expert } from '../../shared/schemas/expert';
import { ACTIVE, BookingModel, TimeHoldModel } from '../../models';
import { backfillBookingHolds, sweepHoldChanges } from '../services/bookings';
import { attemptHoldId, holdIdsOf } from '../services/bookings/hold-store';
import { ADMIN_TOKEN, callApi, NOW, useApiServer } from '../../test/support/api-server';
import { expectValidationError } from '../../test/support/api-expectations';
import { bookingInput, createExpert } from '../../test/support/builders';

/**
 * The one rule by time, not by label: two active bookings of an expert never share a moment
 * (with their buffers), whatever rules, zone or length each was made under.
 */

const api = await useApiServer();
const silent = pino({ level: 'silent' });

// NOW is Monday 2030-03-04 10:00 UTC; the next day is a Tuesday.
const TUESDAY = '2030-03-05';
const WORKDAY = [{ start: '08:00', end: '12:00' }];

function rules(overrides: Partial<AvailabilityInput> = {}): AvailabilityInput {
  return {
    timezone: 'Africa/Lagos',
    sessionMinutes: 30,
    minimumNoticeMinutes: 0,
    horizonDays: 30,
    weeklyHours: { tuesday: WORKDAY, wednesday: WORKDAY },
    ...overrides,
  };
}

async function expertWith(availability: AvailabilityInput) {
  const { timezone, ...stored } = availability;
  const expert = await createExpert({ timezone, availability: stored });
  return expert.id;
}

async function setRules(expertId: string, availability: AvailabilityInput) {
  const answer = await callApi(api.baseUrl, `/api/experts/${expertId}/availability`, {
    method: 'PUT',
    json: availability,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  expect(answer.status).toBe(200);
}

async function slotsOf(expertId: string, query = `from=${TUESDAY}&days=1`): Promise<Expert> {
  const answer = await callApi(api.baseUrl, `/api/experts/${expertId}?${query}`);
  expect(answer.status).toBe(200);
  return ExpertSchema.parse((answer.body as { data: unknown }).data);
}

/** `label → reason` of one day's listed slots (`free` when bookable). */
async function dayOf(expertId: string, query?: string): Promise<Record<string, string>> {
  const { slots } = await slotsOf(expertId, query);
  return Object.fromEntries(slots.map((slot) => [slot.timeSlot, slot.reason ?? 'free']));
}

let client = 0;
function book(expertId: string, timeSlot: string, extra: Record<string, unknown> = {}) {
  client += 1;
  return callApi(api.baseUrl, '/api/bookings', {
    method: 'POST',
    json: bookingInput(expertId, {
      date: TUESDAY,
      timeSlot,
      email: `client-${client}@example.com`,
      ...extra,
    }),
  });
}

async function booked(expertId: string, timeSlot: string, extra: Record<string, unknown> = {}) {
  const answer = await book(expertId, timeSlot, extra);
  expect(answer.status).toBe(201);
  return CreatedBookingSchema.parse((answer.body as { data: unknown }).data);
}

/** What a change of a booking's holds writes first: its mark. */
async function markChange(expertId: Types.ObjectId, bookingId: Types.ObjectId) {
  await TimeHoldModel.create({
    _id: `c:${new Types.ObjectId().toString()}`,
    expertId,
    bookingId,
    mark: true,
    createdAt: new Date(),
  });
}

/**
 * A booking being made, or whose making was cut short: its change's mark and `blocks` five-minute
 * blocks from Tuesday 09:00 in Lagos, and no booking written.
 */
async function unwrittenBookingHolding(expertId: string, blocks: number) {
  const maker = new Types.ObjectId();
  const expert = new Types.ObjectId(expertId);
  const start = Date.parse('2030-03-05T08:00:00Z') / 300_000;
  await markChange(expert, maker);
  await TimeHoldModel.insertMany(
    Array.from({ length: blocks }, (_, i) => ({
      _id: `t:${expertId}:${start + i}`,
      expertId: expert,
      bookingId: maker,
    })),
  );
  return maker;
}

/** Cancels or moves a booking through its private link, as its client does. */
function asClient(
  booking: { id: string; manageToken: string },
  action: 'cancel' | 'reschedule',
  json: Record<string, unknown>,
) {
  return callApi(api.baseUrl, `/api/bookings/${booking.id}/${action}`, {
    method: 'POST',
    json,
    headers: { authorization: `Bearer ${booking.manageToken}` },
  });
}

/** Every pair of the expert's active bookings whose held times meet. */
async function overlappingPairs(expertId: string): Promise<[string, string][]> {
  const active = await BookingModel.find({ expertId, activeKey: ACTIVE }).lean();
  const pairs: [string, string][] = [];
  active.forEach((a, i) => {
    for (const b of active.slice(i + 1)) {
      if (a.heldFrom < b.heldUntil && b.heldFrom < a.heldUntil) {
        pairs.push([a.timeSlot, b.timeSlot]);
      }
    }
  });
  return pairs;
}

describe('a change of session length', () => {
  it('never offers or books time a shorter session already holds', async () => {
    const expertId = await expertWith(rules());
    await booked(expertId, '08:30-09:00');

    await setRules(expertId, rules({ sessionMinutes: 60 }));
    expect(await dayOf(expertId)).toMatchObject({
      '08:00-09:00': 'booked',
      '09:00-10:00': 'free',
    });
    const clash = await book(expertId, '08:00-09:00');
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({ code: 'SLOT_TAKEN' });
    await booked(expertId, '09:00-10:00');
    expect(await overlappingPairs(expertId)).toEqual([]);
  });
});

describe('a change of time zone', () => {
  it('offers by instant: the held hour is taken under its new label, a free hour stays free', async () => {
    // 08:30–09:00 in Lagos (UTC+1) is 07:30–08:00 UTC.
    const expertId = await expertWith(rules());
    await booked(expertId, '08:30-09:00');

    // In Cairo (UTC+2) 09:00–10:00 is 07:00–08:00 UTC: the booked hour. 08:00–09:00 is free.
    await setRules(expertId, rules({ timezone: 'Africa/Cairo', sessionMinutes: 60 }));
    expect(await dayOf(expertId)).toMatchObject({
      '08:00-09:00': 'free',
      '09:00-10:00': 'booked',
    });
    expect((await book(expertId, '09:00-10:00')).status).toBe(409);
    await booked(expertId, '08:00-09:00');
    expect(await overlappingPairs(expertId)).toEqual([]);
  });
});

describe('rescheduling', () => {
  it('cannot move a booking onto time another holds under another label, and leaves it untouched', async () => {
    const expertId = await expertWith(rules({ extraSessionMinutes: [60] }));
    await booked(expertId, '08:30-09:00');
    const mover = await booked(expertId, '10:00-11:00');

    const answer = await asClient(mover, 'reschedule', { date: TUESDAY, timeSlot: '08:00-09:00' });
    expect(answer.status).toBe(409);
    const stored = await BookingModel.findById(mover.id).lean();
    expect(stored).toMatchObject({ timeSlot: '10:00-11:00', status: 'Pending' });
    // Its time is still held: nobody can book into it.
    expect((await book(expertId, '10:00-10:30')).status).toBe(409);
  });

  it('moves a booking by part of its own length, keeping the time it keeps and freeing the rest', async () => {
    const expertId = await expertWith(rules({ sessionMinutes: 60, startEveryMinutes: 30 }));
    const mover = await booked(expertId, '09:00-10:00');
    const answer = await asClient(mover, 'reschedule', { date: TUESDAY, timeSlot: '09:30-10:30' });
    expect(answer.status).toBe(200);
    expect(await dayOf(expertId)).toMatchObject({
      '08:30-09:30': 'free',
      '09:00-10:00': 'booked',
      '10:00-11:00': 'booked',
      '10:30-11:30': 'free',
    });
    // 12 five-minute blocks, no more and no fewer.
    expect(await TimeHoldModel.countDocuments({ bookingId: mover.id })).toBe(12);
  });
});

describe('racing changes of one booking', () => {
  it('take turns: each booking holds exactly its own time, whichever of its moves wins', async () => {
    for (let round = 0; round < 15; round++) {
      const expertId = await expertWith(
        rules({ sessionMinutes: 60, extraSessionMinutes: [30], bufferAfterMinutes: 10 }),
      );
      const made = [await booked(expertId, '08:00-09:00'), await booked(expertId, '10:00-11:00')];
      const answers = await Promise.all(
        made.flatMap((booking) =>
          ['11:00-12:00', '11:30-12:00'].map((timeSlot) =>
            asClient(booking, 'reschedule', { date: TUESDAY, timeSlot }),
          ),
        ),
      );
      for (const answer of answers) expect([200, 409]).toContain(answer.status);
      const active = await BookingModel.find({ expertId, activeKey: ACTIVE }).lean();
      for (const booking of active) {
        const held = await TimeHoldModel.find({ bookingId: booking._id }).lean();
        expect(held.map((hold) => hold._id).sort()).toEqual(holdIdsOf(booking).sort());
      }
      expect(await overlappingPairs(expertId)).toEqual([]);
    }
  });
});

describe('several lengths, start steps and buffers', () => {
  it('lists each length on its own and books the length the label names', async () => {
    const expertId = await expertWith(rules({ sessionMinutes: 30, extraSessionMinutes: [90] }));
    const long = await slotsOf(expertId, `from=${TUESDAY}&days=1&sessionMinutes=90`);
    expect(long.window).toMatchObject({ sessionMinutes: 90, sessionLengths: [30, 90] });
    expect(long.slots.map((slot) => slot.timeSlot)).toEqual(['08:00-09:30', '09:30-11:00']);
    // A length not offered lists nothing, and says which lengths there are.
    const other = await slotsOf(expertId, `from=${TUESDAY}&days=1&sessionMinutes=45`);
    expect(other.window).toMatchObject({ sessionMinutes: 45, sessionLengths: [30, 90] });
    expect(other.slots).toEqual([]);
    const malformed = await callApi(api.baseUrl, `/api/experts/${expertId}?sessionMinutes=long`);
    expectValidationError(malformed, { sessionMinutes: expect.any(String) });

    const made = await booked(expertId, '08:00-09:30', { sessionMinutes: 90 });
    expect(made.startsAt).toBe('2030-03-05T07:00:00.000Z');
    // A label of one length with another length named is not offered.
    expect((await book(expertId, '11:00-11:30', { sessionMinutes: 90 })).status).toBe(422);
    expect(await dayOf(expertId)).toMatchObject({ '09:00-09:30': 'booked', '09:30-10:00': 'free' });
  });

  it('keeps the buffers around every session free, in both directions', async () => {
    const expertId = await expertWith(
      rules({
        sessionMinutes: 60,
        startEveryMinutes: 15,
        bufferBeforeMinutes: 15,
        bufferAfterMinutes: 30,
      }),
    );
    await booked(expertId, '09:00-10:00');
    const day = await dayOf(expertId);
    // Needs 08:45–10:30 free around it, and each other session its own buffers.
    expect(day).toMatchObject({
      '08:00-09:00': 'booked',
      '10:00-11:00': 'booked',
      '10:30-11:30': 'booked',
      '10:45-11:45': 'free',
    });
    expect(day['07:30-08:30']).toBeUndefined();
    expect((await book(expertId, '10:30-11:30')).status).toBe(409);
    await booked(expertId, '10:45-11:45');
    expect(await overlappingPairs(expertId)).toEqual([]);
  });

  it('lets overlapping offers race, and only one of two sessions that meet is booked', async () => {
    const expertId = await expertWith(
      rules({ sessionMinutes: 60, startEveryMinutes: 15, extraSessionMinutes: [30] }),
    );
    const labels = [
      '08:00-09:00',
      '08:15-09:15',
      '08:30-09:30',
      '08:30-09:00',
      '08:45-09:45',
      '09:00-10:00',
    ];
    const answers = await Promise.all(
      labels.flatMap((label) => [book(expertId, label), book(expertId, label)]),
    );
    for (const answer of answers) expect([201, 409]).toContain(answer.status);
    expect(answers.some((answer) => answer.status === 201)).toBe(true);
    expect(await overlappingPairs(expertId)).toEqual([]);
    // Each active booking holds exactly its own blocks.
    const active = await BookingModel.find({ expertId, activeKey: ACTIVE }).lean();
    const held = await TimeHoldModel.find({ expertId, _id: /^t:/ }).lean();
    const blocks = active.reduce(
      (sum, booking) => sum + (booking.heldUntil.getTime() - booking.heldFrom.getTime()) / 300_000,
      0,
    );
    expect(held).toHaveLength(blocks);
  });
});

describe('a daily limit', () => {
  it('is held by the database under a race, counted per local day, and frees with a cancel', async () => {
    const expertId = await expertWith(rules({ sessionMinutes: 30, maxSessionsPerDay: 2 }));
    const labels = [
      '08:00-08:30',
      '08:30-09:00',
      '09:00-09:30',
      '09:30-10:00',
      '10:00-10:30',
      '10:30-11:00',
    ];
    const answers = await Promise.all(labels.map((label) => book(expertId, label)));
    const made = answers.filter((answer) => answer.status === 201);
    expect(made).toHaveLength(2);
    for (const answer of answers.filter((one) => one.status !== 201)) {
      expect(answer.status).toBe(409);
      expect(answer.body).toMatchObject({ code: expect.stringMatching(/^(DAY_FULL|SLOT_TAKEN)$/) });
    }
    const full = await dayOf(expertId);
    expect(Object.values(full).filter((reason) => reason === 'free')).toEqual([]);
    expect(Object.values(full)).toContain('day_full');
    // Another day is not affected.
    const wednesday = await dayOf(expertId, 'from=2030-03-06&days=1');
    expect(wednesday['08:00-08:30']).toBe('free');

    const first = CreatedBookingSchema.parse((made[0]!.body as { data: unknown }).data);
    const cancelled = await asClient(first, 'cancel', {});
    expect(cancelled.status).toBe(200);
    const freed = labels.find((label) => label !== first.timeSlot && full[label] === 'day_full')!;
    await booked(expertId, freed);
  });
});

describe('a daily limit set after bookings were made', () => {
  it('counts the bookings made before it, which hold no seat', async () => {
    const expertId = await expertWith(rules({ sessionMinutes: 30 }));
    await booked(expertId, '08:00-08:30');
    await setRules(expertId, rules({ sessionMinutes: 30, maxSessionsPerDay: 1 }));
    expect(Object.values(await dayOf(expertId))).not.toContain('free');
    const refused = await book(expertId, '10:00-10:30');
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'DAY_FULL' });
  });
});

describe('time held by a booking still being made', () => {
  it('is waited for a moment: given back meanwhile, the slot is booked, not refused', async () => {
    const expertId = await expertWith(rules());
    const maker = await unwrittenBookingHolding(expertId, 6);
    // That request loses its own race elsewhere and gives the time back, just after this asks.
    const givenBack = setTimeout(
      () => void TimeHoldModel.deleteMany({ bookingId: maker }).exec(),
      20,
    );
    try {
      await booked(expertId, '09:00-09:30');
    } finally {
      clearTimeout(givenBack);
    }
  });

  it('is a 409 once the wait is over and the time is still held', async () => {
    const expertId = await expertWith(rules());
    await unwrittenBookingHolding(expertId, 6);
    const answer = await book(expertId, '09:00-09:30');
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ code: 'SLOT_TAKEN' });
    expect(await BookingModel.countDocuments({ expertId: new Types.ObjectId(expertId) })).toBe(0);
  });
});

describe('a change cut short', () => {
  it('sweeps the holds of a booking that was never written, and the time is free again', async () => {
    const expertId = await expertWith(rules({ sessionMinutes: 60 }));
    // What a process killed between claiming the time and writing the booking leaves behind.
    const orphan = await unwrittenBookingHolding(expertId, 12);
    expect((await book(expertId, '09:00-10:00')).status).toBe(409);

    // Not yet: the change may still be running.
    expect(await sweepHoldChanges({ logger: silent })).toBe(0);
    // Its twelve blocks, and the mark of the change.
    expect(await TimeHoldModel.countDocuments({ bookingId: orphan })).toBe(13);

    expect(await sweepHoldChanges({ olderThanMs: 0, logger: silent })).toBe(1);
    expect(await TimeHoldModel.countDocuments({ bookingId: orphan })).toBe(0);
    expect(await TimeHoldModel.countDocuments({ mark: true })).toBe(0);
    await booked(expertId, '09:00-10:00');
  });

  it('lets a retry of the attempt take over the time its first request held and died with', async () => {
    const expertId = await expertWith(rules({ sessionMinutes: 60 }));
    const expert = new Types.ObjectId(expertId);
    const first = new Types.ObjectId();
    const email = 'retrying@example.com';
    const key = 'attempt-after-a-crash';
    // The first request claimed the attempt and half the hour, then its database went away.
    const start = Date.parse('2030-03-05T08:00:00Z') / 300_000;
    await markChange(expert, first);
    await TimeHoldModel.insertMany([
      { _id: attemptHoldId(email, key), expertId: expert, bookingId: first },
      ...Array.from({ length: 6 }, (_, i) => ({
        _id: `t:${expertId}:${start + i}`,
        expertId: expert,
        bookingId: first,
      })),
    ]);
    expect((await book(expertId, '09:00-10:00')).status).toBe(409);

    const retry = await callApi(api.baseUrl, '/api/bookings', {
      method: 'POST',
      json: bookingInput(expertId, { date: TUESDAY, timeSlot: '09:00-10:00', email }),
      headers: { 'idempotency-key': key },
    });
    expect(retry.status).toBe(201);
    expect((retry.body as { data: { id: string } }).data.id).toBe(first.toString());
    expect(await TimeHoldModel.countDocuments({ bookingId: first, _id: /^t:/ })).toBe(12);
    expect(await overlappingPairs(expertId)).toEqual([]);
  });

  it('gives a written booking back the holds it lacks, and keeps those it has', async () => {
    const expertId = await expertWith(rules({ sessionMinutes: 60 }));
    const made = await booked(expertId, '09:00-10:00');
    const bookingId = new Types.ObjectId(made.id);
    const [first] = await TimeHoldModel.find({ bookingId }).lean();
    await TimeHoldModel.deleteOne({ _id: first!._id });
    await markChange(new Types.ObjectId(expertId), bookingId);

    await sweepHoldChanges({ olderThanMs: 0, logger: silent });
    expect(await TimeHoldModel.countDocuments({ bookingId })).toBe(12);
    expect((await book(expertId, '09:00-10:00')).status).toBe(409);
  });
});

describe('bookings from before time was held', () => {
  it('get their time and holds at start-up, oldest first; a pair that overlaps is flagged, never deleted', async () => {
    const expertId = await expertWith(rules());
    const expert = new Types.ObjectId(expertId);
    const legacy = (timeSlot: string, startsAt: string, createdAt: string, status = 'Pending') => ({
      _id: new Types.ObjectId(),
      expertId: expert,
      expertName: 'Legacy',
      timezone: 'Africa/Lagos',
      name: 'Client',
      email: `legacy-${timeSlot}@example.com`,
      phone: '+234 1 234 5678',
      date: TUESDAY,
      month: '2030-03',
      timeSlot,
      startsAt: new Date(startsAt),
      status,
      activeKey: ACTIVE,
      manageTokenHashes: [],
      history: [],
      idempotencyKey: new Types.ObjectId().toString(),
      createdAt: new Date(createdAt),
      updatedAt: new Date(createdAt),
    });
    const older = legacy('08:30-09:00', '2030-03-05T07:30:00Z', '2030-01-01T00:00:00Z');
    const newer = legacy('08:00-09:00', '2030-03-05T07:00:00Z', '2030-01-02T00:00:00Z');
    const past = legacy('08:00-09:00', '2030-02-26T07:00:00Z', '2030-01-03T00:00:00Z');
    past.date = '2030-02-26';
    await BookingModel.collection.insertMany([newer, older, past]);

    const result = await backfillBookingHolds({ now: NOW, logger: silent });
    expect(result).toEqual({ updated: 3, overlapping: 1 });
    const [olderNow, newerNow, pastNow] = await Promise.all(
      [older, newer, past].map(({ _id }) => BookingModel.findById(_id).lean()),
    );
    expect(olderNow).toMatchObject({
      endsAt: new Date('2030-03-05T08:00:00Z'),
      heldFrom: new Date('2030-03-05T07:30:00Z'),
      heldUntil: new Date('2030-03-05T08:00:00Z'),
    });
    expect(olderNow?.overlapsBookingId).toBeUndefined();
    expect(newerNow?.overlapsBookingId?.toString()).toBe(older._id.toString());
    expect(newerNow?.status).toBe('Pending');
    expect(pastNow?.heldUntil).toEqual(new Date('2030-02-26T08:00:00Z'));
    expect(await TimeHoldModel.countDocuments({ bookingId: older._id })).toBe(6);
    expect(await TimeHoldModel.countDocuments({ bookingId: past._id })).toBe(0);

    // A second run finds nothing to do.
    expect(await backfillBookingHolds({ now: NOW, logger: silent })).toEqual({
      updated: 0,
      overlapping: 0,
    });
  });
});
