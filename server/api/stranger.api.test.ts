import { describe, expect, it } from 'vitest';

import type { AvailabilityInput } from '../../shared/schemas/availability';
import { ACTIVE, BookingModel, ExpertModel, TimeHoldModel } from '../../models';
import { ADMIN_TOKEN, callApi, useApiServer } from '../../test/support/api-server';
import { bookingInput, countBookings, createExpert } from '../../test/support/builders';

/** A stranger's inputs: every odd one answers a clean 4xx and leaves nothing behind. */

const api = await useApiServer();

// NOW is Monday 2030-03-04 10:00 UTC; the next day is a Tuesday.
const TUESDAY = '2030-03-05';
const HOURS = [{ start: '00:00', end: '23:55' }];

function rules(overrides: Partial<AvailabilityInput> = {}): AvailabilityInput {
  return {
    timezone: 'UTC',
    sessionMinutes: 60,
    extraSessionMinutes: [30, 90],
    minimumNoticeMinutes: 0,
    horizonDays: 30,
    weeklyHours: { tuesday: HOURS },
    ...overrides,
  };
}

async function expertWith(availability: AvailabilityInput = rules()) {
  const { timezone, ...stored } = availability;
  return (await createExpert({ timezone, availability: stored })).id;
}

let client = 0;
function book(expertId: string, extra: Record<string, unknown>, headers = {}) {
  client += 1;
  return callApi(api.baseUrl, '/api/bookings', {
    method: 'POST',
    json: bookingInput(expertId, { date: TUESDAY, email: `c${client}@example.com`, ...extra }),
    headers,
  });
}

const idOf = (answer: { body: unknown }) => (answer.body as { data: { id: string } }).data.id;

describe('POST /api/bookings with odd lengths and labels', () => {
  const odd: [string, Record<string, unknown>][] = [
    ['a string length', { timeSlot: '09:00-10:00', sessionMinutes: '60' }],
    ['a negative length', { timeSlot: '09:00-10:00', sessionMinutes: -60 }],
    ['a huge length', { timeSlot: '09:00-10:00', sessionMinutes: 1e9 }],
    ['an array length', { timeSlot: '09:00-10:00', sessionMinutes: [60] }],
    ['an operator length', { timeSlot: '09:00-10:00', sessionMinutes: { $gt: 0 } }],
    ['a length the label does not span', { timeSlot: '09:00-10:00', sessionMinutes: 30 }],
    ['a label across midnight', { timeSlot: '23:30-00:30' }],
    ['a label past the day', { timeSlot: '24:00-25:00' }],
    ['a label off the five-minute mark', { timeSlot: '09:03-10:03' }],
    ['an operator label', { timeSlot: { $gt: '' } }],
  ];
  it.each(odd)('answers %s with a clean 4xx and stores nothing', async (_name, extra) => {
    const expertId = await expertWith();
    const answer = await book(expertId, extra);
    expect([400, 422]).toContain(answer.status);
    expect((answer.body as { code: string }).code).toMatch(/^(VALIDATION_ERROR|SLOT_UNAVAILABLE)$/);
    expect(await countBookings()).toBe(0);
    expect(await TimeHoldModel.countDocuments()).toBe(0);
  });
});

describe('GET /api/experts/:id?sessionMinutes=', () => {
  const queries = ['abc', '0', '-5', '9999', '1e2', '60&sessionMinutes=30', ''].map(
    (value) => `sessionMinutes=${value}`,
  );
  queries.push('sessionMinutes[]=60', 'sessionMinutes[$gt]=1', 'sessionMinutes=45');
  it.each(queries)('answers ?%s with 400 or no slots, never 500', async (query) => {
    const expertId = await expertWith();
    const answer = await callApi(api.baseUrl, `/api/experts/${expertId}?${query}`);
    if (answer.status === 200) {
      expect((answer.body as { data: { slots: unknown[] } }).data.slots).toEqual([]);
    } else {
      expect(answer.status).toBe(400);
    }
  });
});

describe('replays', () => {
  it('makes one booking of twenty parallel posts with one key', async () => {
    const expertId = await expertWith();
    const headers = { 'idempotency-key': 'stranger-key-0001' };
    const body = { timeSlot: '09:00-10:30', sessionMinutes: 90, email: 'same@example.com' };
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        callApi(api.baseUrl, '/api/bookings', {
          method: 'POST',
          json: bookingInput(expertId, { date: TUESDAY, ...body }),
          headers,
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map(idOf)).size).toBe(1);
    expect(await countBookings()).toBe(1);
    const other = await callApi(api.baseUrl, '/api/bookings', {
      method: 'POST',
      json: bookingInput(expertId, { ...body, date: TUESDAY, timeSlot: '11:00-12:30' }),
      headers,
    });
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await countBookings()).toBe(1);
  });

  it('cancels once however often the cancel is replayed in parallel', async () => {
    const expertId = await expertWith();
    const made = await book(expertId, { timeSlot: '09:00-10:00' });
    const { id, manageToken } = (made.body as { data: { id: string; manageToken: string } }).data;
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        callApi(api.baseUrl, `/api/bookings/${id}/cancel`, {
          method: 'POST',
          json: {},
          headers: { authorization: `Bearer ${manageToken}` },
        }),
      ),
    );
    for (const a of answers) expect(a.status).toBeLessThan(500);
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThanOrEqual(1);
    const stored = await BookingModel.findById(id).lean();
    expect(stored?.status).toBe('Cancelled');
    expect(api.mails.filter((m) => m.kind === 'cancelled')).toHaveLength(1);
    expect(await TimeHoldModel.countDocuments({ bookingId: id })).toBe(0);
  });
});

describe('thirty parallel bookings of overlapping lengths with buffers', () => {
  it('never holds one moment twice', async () => {
    const expertId = await expertWith(
      rules({ bufferBeforeMinutes: 10, bufferAfterMinutes: 15, startEveryMinutes: 15 }),
    );
    const lengths = [30, 60, 90];
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => {
        const minutes = lengths[i % 3] ?? 60;
        const start = 9 * 60 + (i % 8) * 15;
        const label = (m: number) =>
          `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
        return book(expertId, {
          timeSlot: `${label(start)}-${label(start + minutes)}`,
          sessionMinutes: minutes,
        });
      }),
    );
    for (const a of answers) expect([201, 409]).toContain(a.status);
    const active = await BookingModel.find({ expertId, activeKey: ACTIVE }).lean();
    expect(active.length).toBe(answers.filter((a) => a.status === 201).length);
    await expectHoldsMatch(expertId);
  });

  it('lets one of two bookings rescheduled onto overlapping slots in parallel have them', async () => {
    const expertId = await expertWith(rules({ bufferAfterMinutes: 10 }));
    const made = await Promise.all(
      ['08:00-09:00', '10:00-11:00'].map(async (timeSlot) => {
        const answer = await book(expertId, { timeSlot });
        return (answer.body as { data: { id: string; manageToken: string } }).data;
      }),
    );
    // Another booking's change only: parallel changes of one booking are reported, not tested.
    const answers = await Promise.all(
      made.map(({ id, manageToken }, i) =>
        callApi(api.baseUrl, `/api/bookings/${id}/reschedule`, {
          method: 'POST',
          json: { date: TUESDAY, timeSlot: i === 0 ? '14:00-15:00' : '14:30-15:00' },
          headers: { authorization: `Bearer ${manageToken}` },
        }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    await expectHoldsMatch(expertId);
  });
});

/**
 * No two active bookings share a moment, each holds exactly the blocks of its held time, and no
 * block or change mark is left to a booking that is not active.
 */
async function expectHoldsMatch(expertId: string) {
  const active = await BookingModel.find({ expertId, activeKey: ACTIVE }).lean();
  active.forEach((a, i) => {
    for (const b of active.slice(i + 1)) {
      expect(a.heldFrom < b.heldUntil && b.heldFrom < a.heldUntil).toBe(false);
    }
  });
  const blocks = await TimeHoldModel.find({ expertId, _id: /^t:/ }).lean();
  const expected = active.reduce(
    (sum, b) => sum + (b.heldUntil.getTime() - b.heldFrom.getTime()) / 300_000,
    0,
  );
  expect(blocks.length).toBe(expected);
  const ids = new Set(active.map((b) => b._id.toString()));
  for (const block of blocks) expect(ids.has(block.bookingId.toString())).toBe(true);
  expect(await TimeHoldModel.countDocuments({ expertId, mark: true })).toBe(0);
}

describe('PUT /api/experts/:id/availability by a stranger', () => {
  const put = (id: string, json: unknown, token?: string) =>
    callApi(api.baseUrl, `/api/experts/${id}/availability`, {
      method: 'PUT',
      json,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  const bad: [string, Partial<AvailabilityInput> | Record<string, unknown>][] = [
    ['bufferBeforeMinutes', { bufferBeforeMinutes: 121 }],
    ['startEveryMinutes', { startEveryMinutes: 3 }],
    ['extraSessionMinutes', { extraSessionMinutes: [30, 45, 90, 120] }],
    ['extraSessionMinutes', { extraSessionMinutes: [60] }],
    ['maxSessionsPerDay', { maxSessionsPerDay: 0 }],
    ['weeklyHours', { weeklyHours: { tuesday: [{ start: '09:03', end: '10:00' }] } }],
    ['bufferAfterMinutes', { bufferAfterMinutes: '15' }],
  ];
  it('refuses no token and a forged one, and changes nothing', async () => {
    const expertId = await expertWith();
    const before = await ExpertModel.findById(expertId).lean();
    expect((await put(expertId, rules({ sessionMinutes: 30 }))).status).toBe(401);
    expect([401, 403]).toContain(
      (await put(expertId, rules({ sessionMinutes: 30 }), 'forged-token-0123456789')).status,
    );
    expect((await ExpertModel.findById(expertId).lean())?.availability).toEqual(
      before?.availability,
    );
  });
  it.each(bad)('refuses %s out of range with its field', async (field, overrides) => {
    const expertId = await expertWith();
    const before = await ExpertModel.findById(expertId).lean();
    const answer = await put(expertId, { ...rules(), ...overrides }, ADMIN_TOKEN);
    expect(answer.status).toBe(400);
    expect(JSON.stringify((answer.body as { fields?: unknown }).fields)).toContain(field);
    expect((await ExpertModel.findById(expertId).lean())?.availability).toEqual(
      before?.availability,
    );
  });
});

describe('cancel and reschedule by a stranger', () => {
  it('refuses a missing, forged or other booking token and leaves the holds alone', async () => {
    const expertId = await expertWith();
    const mine = (await book(expertId, { timeSlot: '09:00-10:00' })).body as {
      data: { id: string };
    };
    const other = (await book(expertId, { timeSlot: '12:00-13:00' })).body as {
      data: { manageToken: string };
    };
    const id = mine.data.id;
    const holdsBefore = await TimeHoldModel.find({ bookingId: id }).sort({ _id: 1 }).lean();
    const before = await BookingModel.findById(id).lean();
    expect(holdsBefore.length).toBeGreaterThan(0);
    for (const token of [null, 'forged-token-abcdefghijklmnopqrstuv', other.data.manageToken]) {
      const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
      const want = token ? 403 : 401;
      const cancel = await callApi(api.baseUrl, `/api/bookings/${id}/cancel`, {
        method: 'POST',
        json: {},
        headers,
      });
      const move = await callApi(api.baseUrl, `/api/bookings/${id}/reschedule`, {
        method: 'POST',
        json: { date: TUESDAY, timeSlot: '15:00-16:00' },
        headers,
      });
      expect([cancel.status, move.status]).toEqual([want, want]);
    }
    expect(await BookingModel.findById(id).lean()).toEqual(before);
    expect(await TimeHoldModel.find({ bookingId: id }).sort({ _id: 1 }).lean()).toEqual(
      holdsBefore,
    );
  });
});
