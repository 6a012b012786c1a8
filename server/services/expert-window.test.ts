import fc from 'fast-check';
import { DateTime } from 'luxon';

import { AvailabilitySchema, type AvailabilityInput } from '../../shared/schemas/availability';
import { monthOf } from '../../models';
import type { ExpertSnapshot } from '../catalogue/catalogue';
import { NOTHING_BOOKED, occupancyOf, type HoldingBooking } from './availability';
import { createExpertsService } from './experts';
import { silentNotifier } from './slot-notifier';
import { createWindowCache, nextLocalMidnight } from './window-cache';
import { addDays } from '../../shared/time/calendar-days';

const EXPERT_ID = '65f0c0ffee00000000000001';

const EVERY_DAY = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** Mornings only: no slot starts at midnight, so nothing but the day's end moves the window then. */
const MORNINGS = Object.fromEntries(
  EVERY_DAY.map((day) => [day, [{ start: '09:00', end: '12:00' }]]),
);

function rules(timezone: string, overrides: Partial<AvailabilityInput> = {}) {
  return AvailabilitySchema.parse({
    timezone,
    sessionMinutes: 60,
    minimumNoticeMinutes: 0,
    horizonDays: 30,
    weeklyHours: Object.fromEntries(
      EVERY_DAY.map((day) => [
        day,
        [
          { start: '00:00', end: '03:00' },
          { start: '09:00', end: '12:00' },
          { start: '22:00', end: '24:00' },
        ],
      ]),
    ),
    ...overrides,
  });
}

/** Every month from a year before to a year after 2030: the read model answers for any window. */
const ALL_MONTHS = new Set(
  Array.from({ length: 36 * 31 }, (_, day) => monthOf(addDays('2029-01-01', day))),
);

/**
 * The experts service over a read model of one expert that the test edits by hand (a booking
 * changes the revision, as the catalogue does), on a clock the test moves. Nothing here reads a
 * database: a miss in memory would call `load`, which the tests check never happens.
 */
function serviceFor(timezone: string, overrides: Partial<AvailabilityInput> = {}) {
  let now = new Date('2030-01-01T00:00:00Z');
  const bookings: HoldingBooking[] = [];
  const loads: string[] = [];
  const snapshot: ExpertSnapshot = {
    profile: {
      id: EXPERT_ID,
      name: 'Grace Hopper',
      category: 'Software Engineering',
      experience: 10,
      rating: 4.5,
      reviewCount: 2,
      timezone,
    },
    bio: 'Compilers.',
    rules: rules(timezone, overrides),
    occupancy: NOTHING_BOOKED,
    months: ALL_MONTHS,
    revision: 1,
    rebuild: 1,
  };
  const windows = createWindowCache();
  const service = createExpertsService({
    clock: () => now,
    notifier: silentNotifier,
    windows,
    catalogue: {
      list: () => ({ items: [], pagination: { page: 1, limit: 10, total: 0, totalPages: 0 } }),
      has: () => true,
      expert: (id) => (id === EXPERT_ID ? snapshot : undefined),
      load: (id) => loads.push(id),
    },
  });
  return {
    service,
    windows,
    loads,
    setNow(instant: string | Date) {
      now = new Date(instant);
    },
    bookings: () => [...bookings],
    book(booking: HoldingBooking) {
      bookings.push(booking);
      snapshot.occupancy = occupancyOf(bookings);
      snapshot.revision += 1;
    },
  };
}

/** The slot of today's window with this label, as the service answers it now. */
async function todaysSlot(service: ReturnType<typeof serviceFor>['service'], timeSlot: string) {
  return (await service.get(EXPERT_ID, { days: '1' })).slots.find(
    (slot) => slot.timeSlot === timeSlot,
  );
}

/** The instant of a local wall-clock time in a zone. */
const local = (timezone: string, iso: string) =>
  DateTime.fromISO(iso, { zone: timezone }).toJSDate();

describe('the expert page’s window, from memory', () => {
  it('answers the same window again with the same computed answer, without the database', async () => {
    const { service, setNow, loads } = serviceFor('Europe/Berlin');
    setNow(local('Europe/Berlin', '2030-01-10T05:00'));
    const first = await service.get(EXPERT_ID, { days: '7' });
    const again = await service.get(EXPERT_ID, { days: '7' });
    expect(again).toBe(first);
    // Another length or another window is another entry.
    expect(await service.get(EXPERT_ID, { days: '14' })).not.toBe(first);
    expect(loads).toEqual([]);
  });

  it('is dropped when the expert changes: a booking heard shows at once', async () => {
    const { service, setNow, book } = serviceFor('UTC');
    setNow('2030-01-10T05:00:00Z');
    const before = await service.get(EXPERT_ID, { days: '1' });
    expect(before.slots.find((slot) => slot.timeSlot === '09:00-10:00')?.available).toBe(true);

    book({
      date: '2030-01-10',
      heldFrom: new Date('2030-01-10T09:00:00Z'),
      heldUntil: new Date('2030-01-10T10:00:00Z'),
    });
    const after = await service.get(EXPERT_ID, { days: '1' });
    expect(after.slots.find((slot) => slot.timeSlot === '09:00-10:00')).toMatchObject({
      available: false,
      reason: 'booked',
    });
  });

  it('offers a slot at the very instant its notice begins, and not a millisecond later', async () => {
    const { service, setNow } = serviceFor('UTC', { minimumNoticeMinutes: 120 });
    const tenOClock = () => todaysSlot(service, '10:00-11:00');
    // Worked out at 08:00 exactly: 10:00 is not yet within the two hours' notice.
    setNow('2030-01-10T08:00:00.000Z');
    expect(await tenOClock()).toMatchObject({ available: true });
    setNow('2030-01-10T08:00:00.001Z');
    expect(await tenOClock()).toMatchObject({ available: false, reason: 'too_soon' });
  });

  it('moves to the next day at the expert’s local midnight, in each expert’s own zone', async () => {
    // 15:00 UTC on 10 January is one minute before midnight in Tokyo (UTC+9), while in
    // Los Angeles (UTC−8) it is 07:00 and the day goes on until 08:00 UTC the next day.
    const tokyo = serviceFor('Asia/Tokyo', { weeklyHours: MORNINGS });
    const losAngeles = serviceFor('America/Los_Angeles', { weeklyHours: MORNINGS });
    for (const { setNow } of [tokyo, losAngeles]) setNow('2030-01-10T14:59:00Z');
    const tokyoBefore = await tokyo.service.get(EXPERT_ID, {});
    const laBefore = await losAngeles.service.get(EXPERT_ID, {});
    expect(tokyoBefore.window.today).toBe('2030-01-10');
    expect(laBefore.window.today).toBe('2030-01-10');

    for (const { setNow } of [tokyo, losAngeles]) setNow('2030-01-10T15:00:00Z');
    const tokyoAfter = await tokyo.service.get(EXPERT_ID, {});
    expect(tokyoAfter.window).toMatchObject({ from: '2030-01-11', today: '2030-01-11' });
    expect(tokyoAfter.slots[0]?.date).toBe('2030-01-11');
    expect((await losAngeles.service.get(EXPERT_ID, {})).window.today).toBe('2030-01-10');

    for (const { setNow } of [tokyo, losAngeles]) setNow('2030-01-11T08:00:00Z');
    expect((await losAngeles.service.get(EXPERT_ID, {})).window.today).toBe('2030-01-11');
  });

  it('finds the local midnight across changes of clocks', () => {
    // Berlin springs forward on 31 March 2030 and falls back on 27 October: those days last
    // 23 and 25 hours.
    expect(new Date(nextLocalMidnight('Europe/Berlin', '2030-03-30')).toISOString()).toBe(
      '2030-03-30T23:00:00.000Z',
    );
    expect(new Date(nextLocalMidnight('Europe/Berlin', '2030-03-31')).toISOString()).toBe(
      '2030-03-31T22:00:00.000Z',
    );
    expect(new Date(nextLocalMidnight('Europe/Berlin', '2030-10-27')).toISOString()).toBe(
      '2030-10-27T23:00:00.000Z',
    );
    // New York springs forward on 10 March 2030.
    expect(new Date(nextLocalMidnight('America/New_York', '2030-03-10')).toISOString()).toBe(
      '2030-03-11T04:00:00.000Z',
    );
    // Santiago springs forward at midnight (8 September 2030): that day starts at 01:00.
    const santiago = nextLocalMidnight('America/Santiago', '2030-09-07');
    expect(DateTime.fromMillis(santiago, { zone: 'America/Santiago' }).toISO()).toBe(
      '2030-09-08T01:00:00.000-03:00',
    );
  });

  it('across a change of clocks, a slot that starts gets past at its own instant', async () => {
    const { service, setNow } = serviceFor('America/New_York');
    setNow(local('America/New_York', '2030-03-10T00:30'));
    const early = await service.get(EXPERT_ID, { days: '1' });
    // 02:00 does not exist that night: 01:00-02:00 is followed by 03:00 EDT.
    expect(early.slots.map((slot) => slot.timeSlot)).toEqual([
      '00:00-01:00',
      '01:00-02:00',
      '09:00-10:00',
      '10:00-11:00',
      '11:00-12:00',
      '22:00-23:00',
      '23:00-24:00',
    ]);
    setNow(local('America/New_York', '2030-03-10T01:00'));
    const at = await service.get(EXPERT_ID, { days: '1' });
    expect(at.slots[1]).toMatchObject({ timeSlot: '01:00-02:00', available: false });
    expect(at.slots[2]).toMatchObject({ timeSlot: '09:00-10:00', available: true });
  });

  it('tells a slot within the minimum notice from one that has started', async () => {
    const { service, setNow } = serviceFor('UTC', { minimumNoticeMinutes: 120 });
    const slot = () => todaysSlot(service, '11:00-12:00');
    setNow('2030-01-10T10:00:00Z');
    expect(await slot()).toMatchObject({ available: false, reason: 'too_soon' });
    // Nothing else changes until 20:00 (22:00's notice): the start alone must end the answer.
    setNow('2030-01-10T11:30:00Z');
    expect(await slot()).toMatchObject({ available: false, reason: 'past' });
  });
});

describe('the cached window never answers other than a fresh computation', () => {
  const zones = ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'America/Santiago', 'UTC'];

  it('at any later moment, with bookings heard between reads', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...zones),
        fc.constantFrom(0, 30, 120, 24 * 60),
        fc.constantFrom(undefined, MORNINGS),
        // Around Berlin's and New York's spring changes, Santiago's, and an ordinary month.
        fc.constantFrom('2030-03-09T12:00:00Z', '2030-03-30T12:00:00Z', '2030-09-07T12:00:00Z'),
        fc.array(
          fc.record({
            advanceMinutes: fc.oneof(
              fc.integer({ min: 0, max: 90 }),
              fc.integer({ min: 0, max: 26 * 60 }),
            ),
            bookHour: fc.option(fc.integer({ min: 0, max: 72 }), { nil: undefined }),
            days: fc.constantFrom(1, 7, 14),
          }),
          { minLength: 1, maxLength: 16 },
        ),
        async (timezone, minimumNoticeMinutes, weeklyHours, start, steps) => {
          const overrides = { minimumNoticeMinutes, ...(weeklyHours ? { weeklyHours } : {}) };
          const cached = serviceFor(timezone, overrides);
          let now = Date.parse(start);
          for (const step of steps) {
            now += step.advanceMinutes * 60_000;
            if (step.bookHour !== undefined) {
              const heldFrom = new Date(Math.floor(now / 3_600_000) * 3_600_000);
              heldFrom.setUTCHours(heldFrom.getUTCHours() + step.bookHour);
              cached.book({
                date: DateTime.fromJSDate(heldFrom, { zone: timezone }).toISODate()!,
                heldFrom,
                heldUntil: new Date(heldFrom.getTime() + 3_600_000),
              });
            }
            cached.setNow(new Date(now));
            const fresh = serviceFor(timezone, overrides);
            fresh.setNow(new Date(now));
            for (const booking of cached.bookings()) fresh.book(booking);
            const query = { days: String(step.days) };
            expect(await cached.service.get(EXPERT_ID, query)).toEqual(
              await fresh.service.get(EXPERT_ID, query),
            );
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
