import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  SESSION_MINUTES,
  timeOfDay,
  WEEKDAYS,
  type AvailabilityInput,
  type Interval,
} from '../../../shared/schemas/availability';
import type { Slot } from '../../../shared/schemas/expert';
import { ACTIVE, BookingModel, TimeHoldModel } from '../../../models';
import { DomainError } from '../../errors';
import { ADMIN_ACTOR } from '../actor';
import { spanOf } from '../availability';
import { rulesOf } from '../slot-schedule';
import { holdIdsOf } from './hold-store';
import { useApiServer } from '../../../test/support/api-server';
import { createExpert } from '../../../test/support/builders';

/**
 * The one rule, against random histories: rule edits (lengths, start steps, buffers, hours,
 * overrides, zones, days on which clocks change) interleaved with bookings, moves and
 * cancellations, all through the real services and database. After every step: no two active
 * bookings overlap, each holds exactly its time, every slot shown free can be booked, and every
 * slot shown booked really meets held time.
 */

// Sunday 2030-03-10 02:00 is skipped in New York; Berlin skips its 02:00 on Sunday 2030-03-31.
const CLOCKS = [new Date('2030-03-08T12:00:00Z'), new Date('2030-03-29T12:00:00Z')];
let now = CLOCKS[0]!;
const api = await useApiServer({ clock: () => now });

const ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'Africa/Lagos',
  'Africa/Cairo',
  'Asia/Kolkata',
  'UTC',
] as const;
const WINDOW_DAYS = 4;

const fiveMinuteTime = (from: number, to: number) =>
  fc.integer({ min: from / 5, max: to / 5 }).map((units) => units * 5);

/** One day's hours: up to two blocks, apart and in order, long enough for 180 minutes. */
const dayHours: fc.Arbitrary<Interval[]> = fc
  .tuple(fiveMinuteTime(0, 600), fiveMinuteTime(180, 420), fiveMinuteTime(0, 300), fc.boolean())
  .map(([start, length, gap, second]) => {
    const first = { start: timeOfDay(start), end: timeOfDay(start + length) };
    const nextStart = start + length + gap;
    if (!second || nextStart + 180 > 1440) return [first];
    return [
      first,
      { start: timeOfDay(nextStart), end: timeOfDay(Math.min(1440, nextStart + 240)) },
    ];
  });

/** Rules, with a day off given as days after the run's clock (dates are known only then). */
type GeneratedRules = Omit<AvailabilityInput, 'overrides'> & { closedDay?: number };

const rulesArbitrary: fc.Arbitrary<GeneratedRules> = fc
  .record({
    timezone: fc.constantFrom(...ZONES),
    sessionMinutes: fc.constantFrom(...SESSION_MINUTES),
    extra: fc.uniqueArray(fiveMinuteTime(15, 180), { maxLength: 2 }),
    startEveryMinutes: fc.option(fc.constantFrom(5, 15, 30, 45, 60), { nil: undefined }),
    bufferBeforeMinutes: fc.constantFrom(0, 5, 15, 30),
    bufferAfterMinutes: fc.constantFrom(0, 10, 15, 60),
    maxSessionsPerDay: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
    hours: fc.array(dayHours, { minLength: 7, maxLength: 7 }),
    closedDay: fc.option(fc.integer({ min: 0, max: WINDOW_DAYS - 1 }), { nil: undefined }),
  })
  .map((r) => ({
    timezone: r.timezone,
    sessionMinutes: r.sessionMinutes,
    extraSessionMinutes: r.extra.filter((minutes) => minutes !== r.sessionMinutes),
    ...(r.startEveryMinutes ? { startEveryMinutes: r.startEveryMinutes } : {}),
    bufferBeforeMinutes: r.bufferBeforeMinutes,
    bufferAfterMinutes: r.bufferAfterMinutes,
    ...(r.maxSessionsPerDay ? { maxSessionsPerDay: r.maxSessionsPerDay } : {}),
    minimumNoticeMinutes: 0,
    horizonDays: 30,
    weeklyHours: Object.fromEntries(WEEKDAYS.map((day, i) => [day, r.hours[i]!])),
    ...(r.closedDay === undefined ? {} : { closedDay: r.closedDay }),
  }));

function rulesAt(generated: GeneratedRules): AvailabilityInput {
  const { closedDay, ...rules } = generated;
  const overrides =
    closedDay === undefined ? [] : [{ date: dayAfter(now, closedDay + 1), intervals: [] }];
  return { ...rules, overrides };
}

function dayAfter(instant: Date, days: number): string {
  return new Date(instant.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

type Step =
  | { kind: 'rules'; rules: GeneratedRules }
  | { kind: 'book'; pick: number; length: number }
  | { kind: 'book-taken'; pick: number }
  | { kind: 'move'; which: number; pick: number; length: number }
  | { kind: 'cancel'; which: number };

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  { weight: 2, arbitrary: rulesArbitrary.map((rules) => ({ kind: 'rules' as const, rules })) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('book' as const),
      pick: fc.nat(),
      length: fc.nat(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('book-taken' as const), pick: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('move' as const),
      which: fc.nat(),
      pick: fc.nat(),
      length: fc.nat(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), which: fc.nat() }) },
);

let sequence = 0;

async function offered(expertId: string, lengthPick: number): Promise<Slot[]> {
  const lengths = (await api.services.experts.get(expertId, { days: '1' })).window.sessionLengths;
  const sessionMinutes = String(lengths[lengthPick % lengths.length]);
  const expert = await api.services.experts.get(expertId, {
    from: dayAfter(now, 0),
    days: String(WINDOW_DAYS),
    sessionMinutes,
  });
  return expert.slots;
}

async function activeBookings(expertId: string) {
  return BookingModel.find({ expertId, activeKey: ACTIVE }).lean();
}

async function run(expertId: string, step: Step): Promise<void> {
  switch (step.kind) {
    case 'rules':
      await api.services.experts.updateAvailability(ADMIN_ACTOR, expertId, rulesAt(step.rules));
      return;
    case 'book': {
      const free = (await offered(expertId, step.length)).filter((slot) => slot.available);
      const slot = free[step.pick % Math.max(1, free.length)];
      if (!slot) return;
      sequence += 1;
      // Shown free, nothing else happening: it must book.
      await api.services.bookings.create({
        expertId,
        name: 'Property Client',
        email: `property-${sequence}@example.com`,
        phone: '+49 30 1234567',
        date: slot.date,
        timeSlot: slot.timeSlot,
      });
      return;
    }
    case 'book-taken': {
      const taken = (await offered(expertId, 0)).filter(
        (slot) => slot.reason === 'booked' || slot.reason === 'day_full',
      );
      const slot = taken[step.pick % Math.max(1, taken.length)];
      if (!slot) return;
      const attempt = api.services.bookings.create({
        expertId,
        name: 'Late Client',
        email: 'late@example.com',
        phone: '+49 30 1234567',
        date: slot.date,
        timeSlot: slot.timeSlot,
      });
      await expect(attempt).rejects.toSatisfy(
        (error) => error instanceof DomainError && ['SLOT_TAKEN', 'DAY_FULL'].includes(error.code),
      );
      return;
    }
    case 'move': {
      const active = await activeBookings(expertId);
      const booking = active[step.which % Math.max(1, active.length)];
      if (!booking) return;
      const free = (await offered(expertId, step.length)).filter((slot) => slot.available);
      const slot = free[step.pick % Math.max(1, free.length)];
      if (!slot) return;
      await api.services.bookings.reschedule(
        booking._id.toString(),
        { date: slot.date, timeSlot: slot.timeSlot },
        { by: 'admin' },
      );
      return;
    }
    case 'cancel': {
      const active = await activeBookings(expertId);
      const booking = active[step.which % Math.max(1, active.length)];
      if (!booking) return;
      await api.services.bookings.cancel(booking._id.toString(), {}, { by: 'admin' });
    }
  }
}

async function checkInvariants(expertId: string): Promise<void> {
  const active = await activeBookings(expertId);
  // No two active bookings share a moment.
  const spans = active
    .map((booking) => ({ from: booking.heldFrom.getTime(), until: booking.heldUntil.getTime() }))
    .sort((a, b) => a.from - b.from);
  for (let i = 1; i < spans.length; i++)
    expect(spans[i]!.from).toBeGreaterThanOrEqual(spans[i - 1]!.until);
  // Each holds exactly its own time (and seat), nothing else is held.
  const held = await TimeHoldModel.find({ expertId }).lean();
  const expected = new Set(active.flatMap((booking) => holdIdsOf(booking)));
  const actual = new Set(
    held.filter((hold) => !hold._id.startsWith('a:') && !hold.mark).map((hold) => hold._id),
  );
  expect(actual).toEqual(expected);
  // Every change finished: no mark is left.
  expect(held.filter((hold) => hold.mark)).toEqual([]);
  // A slot shown booked meets held time; one shown free meets none.
  const expert = await api.services.experts.get(expertId, { days: '1' });
  const stored = await api.services.experts.getAvailability(expertId);
  const rules = rulesOf({ timezone: stored.timezone, availability: stored });
  for (const length of expert.window.sessionLengths) {
    const window = await api.services.experts.get(expertId, {
      from: dayAfter(now, 0),
      days: String(WINDOW_DAYS),
      sessionMinutes: String(length),
    });
    for (const slot of window.slots) {
      const startsAt = new Date(slot.startsAt);
      const span = spanOf(rules, {
        startsAt,
        endsAt: new Date(startsAt.getTime() + length * 60_000),
      });
      const meets = spans.some((held) => held.from < span.until && span.from < held.until);
      if (slot.reason === 'booked') expect(meets).toBe(true);
      if (slot.available) expect(meets).toBe(false);
    }
  }
}

describe('no two active bookings of an expert ever overlap', () => {
  it(
    'holds after every step of random histories of rule edits, bookings, moves and cancels',
    { timeout: 240_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...CLOCKS),
          rulesArbitrary,
          fc.array(stepArbitrary, { minLength: 4, maxLength: 14 }),
          async (clockAt, first, steps) => {
            now = clockAt;
            const { timezone, ...availability } = rulesAt(first);
            const expert = await createExpert({ timezone, availability });
            for (const step of steps) {
              await run(expert.id, step);
              await checkInvariants(expert.id);
            }
          },
        ),
        { numRuns: 40 },
      );
    },
  );
});
