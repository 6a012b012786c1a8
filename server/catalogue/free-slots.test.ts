import fc from 'fast-check';
import { DateTime } from 'luxon';

import { AvailabilitySchema, type Availability } from '../../shared/schemas/availability';
import { addDays } from '../../shared/time/calendar-days';
import {
  bookableDays,
  firstFreeBetween,
  occupancyOf,
  slotsForWindow,
  type Occupancy,
  type OfferedSlot,
} from '../services/availability';
import { createFreeSlotCache, viewerStretch } from './free-slots';

const ZONES = [
  'UTC',
  'America/New_York',
  'America/Los_Angeles',
  'Europe/London',
  'Pacific/Auckland',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
];

/** Days around clock changes: US and EU spring and autumn, Auckland and Lord Howe in April. */
const AROUND = ['2030-03-08', '2030-03-29', '2030-04-05', '2030-10-25', '2030-11-01'];

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

const HOURS = [
  [{ start: '00:00', end: '03:00' }],
  [{ start: '01:00', end: '04:00' }],
  [{ start: '09:00', end: '12:00' }],
  [
    { start: '06:00', end: '08:00' },
    { start: '17:00', end: '24:00' },
  ],
  [],
];

const rulesArbitrary = fc
  .record({
    timezone: fc.constantFrom(...ZONES),
    sessionMinutes: fc.constantFrom(30, 60, 90),
    minimumNoticeMinutes: fc.constantFrom(0, 60, 600),
    horizonDays: fc.constantFrom(2, 5, 20),
    week: fc.array(fc.constantFrom(...HOURS), { minLength: 7, maxLength: 7 }),
  })
  .map(({ week, ...rest }) =>
    AvailabilitySchema.parse({
      ...rest,
      weeklyHours: Object.fromEntries(WEEKDAYS.map((day, index) => [day, week[index]])),
      overrides: [],
    }),
  );

/** Every slot of the bookable range, free or not, as the expert's page lists them. */
function allSlots(rules: Availability, now: Date, occupancy: Occupancy) {
  const { today } = bookableDays(rules, now);
  return slotsForWindow(rules, { from: today, days: rules.horizonDays + 1 }, now, occupancy);
}

/** Books some of the offered slots (by position), as bookings hold them. */
function occupancyFrom(rules: Availability, now: Date, picks: number[]): Occupancy {
  const offered = allSlots(rules, now, occupancyOf([]));
  const chosen = picks.map((pick) => offered[pick % Math.max(offered.length, 1)]).filter(Boolean);
  return occupancyOf(
    (chosen as OfferedSlot[]).map((slot) => ({
      date: slot.date,
      heldFrom: slot.startsAt,
      heldUntil: slot.endsAt,
    })),
  );
}

/** What a person in the viewer's zone reads on the clock when the slot starts. */
function wallClock(instant: Date, zone: string) {
  const local = DateTime.fromJSDate(instant, { zone });
  return { date: local.toISODate(), minutes: local.hour * 60 + local.minute };
}

const askedArbitrary = fc
  .record({
    viewerZone: fc.constantFrom(...ZONES),
    dayOffset: fc.integer({ min: -1, max: 6 }),
    from: fc.integer({ min: 0, max: 47 }),
    length: fc.integer({ min: 1, max: 48 }),
  })
  .map(({ from, length, ...rest }) => ({
    ...rest,
    from: from * 30,
    to: Math.min(from * 30 + length * 30, 24 * 60),
  }));

const nowArbitrary = fc
  .record({ around: fc.constantFrom(...AROUND), minutes: fc.integer({ min: 0, max: 4 * 24 * 60 }) })
  .map(({ around, minutes }) => new Date(Date.parse(`${around}T00:00:00Z`) + minutes * 60_000));

describe('the availability filter', () => {
  it("finds exactly the earliest free slot the expert's own slots list in the viewer's stretch", () => {
    fc.assert(
      fc.property(
        rulesArbitrary,
        nowArbitrary,
        askedArbitrary,
        fc.array(fc.nat(), { maxLength: 6 }),
        (rules, now, asked, picks) => {
          const occupancy = occupancyFrom(rules, now, picks);
          const date = addDays(wallClock(now, asked.viewerZone).date!, asked.dayOffset);
          const expected = allSlots(rules, now, occupancy)
            .filter((slot) => {
              if (!slot.available) return false;
              const seen = wallClock(slot.startsAt, asked.viewerZone);
              return seen.date === date && seen.minutes >= asked.from && seen.minutes < asked.to;
            })
            .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())[0];

          const stretch = viewerStretch(asked.viewerZone, { date, from: asked.from, to: asked.to });
          const found = firstFreeBetween(rules, now, occupancy, stretch);
          expect(found?.startsAt.toISOString()).toBe(expected?.startsAt.toISOString());
        },
      ),
      { numRuns: 400 },
    );
  });

  it('answers from its cache exactly what a fresh computation answers, as time moves on', () => {
    fc.assert(
      fc.property(
        rulesArbitrary,
        nowArbitrary,
        askedArbitrary,
        fc.array(fc.integer({ min: 1, max: 24 * 60 }), { minLength: 1, maxLength: 8 }),
        (rules, start, asked, steps) => {
          const cache = createFreeSlotCache({ max: 10 });
          const occupancy = occupancyOf([]);
          const expert = { id: 'x', revision: 1, rules, occupancy: () => occupancy };
          const date = addDays(wallClock(start, asked.viewerZone).date!, asked.dayOffset);
          const stretch = viewerStretch(asked.viewerZone, { date, from: asked.from, to: asked.to });
          let now = start;
          for (const minutes of [0, ...steps]) {
            now = new Date(now.getTime() + minutes * 60_000);
            for (const within of [stretch, undefined]) {
              const cached = cache.firstFree(expert, within, now).slot;
              const fresh = createFreeSlotCache({ max: 1 }).firstFree(expert, within, now).slot;
              expect(cached?.startsAt.toISOString()).toBe(fresh?.startsAt.toISOString());
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
