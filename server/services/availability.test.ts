import { DateTime } from 'luxon';

import { AvailabilitySchema, type AvailabilityInput } from '../../shared/schemas/availability';
import {
  checkSlot,
  nextFreeSlot,
  NOTHING_BOOKED,
  occupancyOf,
  slotsForWindow,
  type Occupancy,
} from './availability';

function rules(overrides: Partial<AvailabilityInput> = {}) {
  return AvailabilitySchema.parse({
    timezone: 'Europe/Berlin',
    sessionMinutes: 60,
    minimumNoticeMinutes: 0,
    horizonDays: 60,
    weeklyHours: {
      monday: [{ start: '09:00', end: '12:00' }],
      tuesday: [
        { start: '13:00', end: '15:00' },
        { start: '09:00', end: '11:00' },
      ],
    },
    ...overrides,
  });
}

/** Bookings of Berlin labels, as the time they hold (no buffers). */
function bookedInBerlin(date: string, ...labels: string[]): Occupancy {
  return occupancyOf(
    labels.map((label) => {
      const at = (time: string) =>
        DateTime.fromISO(`${date}T${time}`, { zone: 'Europe/Berlin' }).toJSDate();
      return { date, heldFrom: at(label.slice(0, 5)), heldUntil: at(label.slice(6)) };
    }),
  );
}

/** Every hour of the day, so the window shows what a clock change does to each local time. */
const allDay = (timezone: string, sessionMinutes = 30) =>
  rules({
    timezone,
    sessionMinutes,
    horizonDays: 365,
    weeklyHours: Object.fromEntries(
      ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((day) => [
        day,
        [{ start: '00:00', end: '24:00' }],
      ]),
    ),
  });

/** Local label → UTC instant of one day's slots. */
function dayOf(timezone: string, date: string, sessionMinutes = 30): Map<string, string> {
  const slots = slotsForWindow(
    allDay(timezone, sessionMinutes),
    { from: date, days: 1 },
    new Date(Date.parse(date) - 30 * 86_400_000),
    NOTHING_BOOKED,
  );
  return new Map(slots.map((slot) => [slot.timeSlot.slice(0, 5), slot.startsAt.toISOString()]));
}

describe('slots across changes of clocks', () => {
  it.each([
    // zone, day of the change, skipped local starts, the local times just around it
    [
      'Europe/Berlin',
      '2026-03-29',
      ['02:00', '02:30'],
      { '01:30': '2026-03-29T00:30:00.000Z', '03:00': '2026-03-29T01:00:00.000Z' },
    ],
    [
      'America/New_York',
      '2026-03-08',
      ['02:00', '02:30'],
      { '01:30': '2026-03-08T06:30:00.000Z', '03:00': '2026-03-08T07:00:00.000Z' },
    ],
    [
      'Australia/Sydney',
      '2026-10-04',
      ['02:00', '02:30'],
      { '01:30': '2026-10-03T15:30:00.000Z', '03:00': '2026-10-03T16:00:00.000Z' },
    ],
    [
      'Australia/Adelaide',
      '2026-10-04',
      ['02:00', '02:30'],
      { '01:30': '2026-10-03T16:00:00.000Z', '03:00': '2026-10-03T16:30:00.000Z' },
    ],
    [
      'Australia/Lord_Howe',
      '2026-10-04',
      ['02:00'],
      { '01:30': '2026-10-03T15:00:00.000Z', '02:30': '2026-10-03T15:30:00.000Z' },
    ],
  ])(
    '%s springs forward on %s: the skipped local times are not offered',
    (zone, date, skipped, around) => {
      const day = dayOf(zone, date);
      for (const time of skipped) expect(day.has(time)).toBe(false);
      for (const [time, instant] of Object.entries(around)) expect(day.get(time)).toBe(instant);
      expect(day.size).toBe(48 - skipped.length);
    },
  );

  it.each([
    // zone, day of the change, a local time that happens twice → its first occurrence, the next
    [
      'Europe/Berlin',
      '2026-10-25',
      {
        '02:00': '2026-10-25T00:00:00.000Z',
        '02:30': '2026-10-25T00:30:00.000Z',
        '03:00': '2026-10-25T02:00:00.000Z',
      },
    ],
    [
      'America/New_York',
      '2026-11-01',
      {
        '01:00': '2026-11-01T05:00:00.000Z',
        '01:30': '2026-11-01T05:30:00.000Z',
        '02:00': '2026-11-01T07:00:00.000Z',
      },
    ],
    [
      'Australia/Sydney',
      '2026-04-05',
      {
        '02:00': '2026-04-04T15:00:00.000Z',
        '02:30': '2026-04-04T15:30:00.000Z',
        '03:00': '2026-04-04T17:00:00.000Z',
      },
    ],
    [
      'Australia/Lord_Howe',
      '2026-04-05',
      { '01:30': '2026-04-04T14:30:00.000Z', '02:00': '2026-04-04T15:30:00.000Z' },
    ],
  ])(
    '%s falls back on %s: a repeated local time is offered once, at its first occurrence',
    (zone, date, expected) => {
      const day = dayOf(zone, date);
      expect(day.size).toBe(48);
      for (const [time, instant] of Object.entries(expected)) expect(day.get(time)).toBe(instant);
    },
  );

  it('keeps a 30-minute offset on ordinary days (Asia/Kolkata)', () => {
    const day = dayOf('Asia/Kolkata', '2026-03-29', 60);
    expect(day.get('09:00')).toBe('2026-03-29T03:30:00.000Z');
    expect(day.get('00:00')).toBe('2026-03-28T18:30:00.000Z');
    expect(day.size).toBe(24);
  });

  it('labels the last session of an interval that runs to midnight 23:00-24:00', () => {
    const slots = slotsForWindow(
      allDay('UTC', 60),
      { from: '2026-06-01', days: 1 },
      new Date('2026-05-01T00:00:00Z'),
      NOTHING_BOOKED,
    );
    expect(slots.at(-1)).toMatchObject({
      timeSlot: '23:00-24:00',
      startsAt: new Date('2026-06-01T23:00:00Z'),
    });
  });
});

describe('slotsForWindow', () => {
  // Monday 2026-12-07, 08:30 in Berlin.
  const now = new Date('2026-12-07T07:30:00Z');

  it('cuts each weekday interval into sessions, earliest first, in the expert zone', () => {
    const slots = slotsForWindow(rules(), { from: '2026-12-07', days: 2 }, now, NOTHING_BOOKED);
    expect(slots.map((slot) => `${slot.date} ${slot.timeSlot}`)).toEqual([
      '2026-12-07 09:00-10:00',
      '2026-12-07 10:00-11:00',
      '2026-12-07 11:00-12:00',
      '2026-12-08 09:00-10:00',
      '2026-12-08 10:00-11:00',
      '2026-12-08 13:00-14:00',
      '2026-12-08 14:00-15:00',
    ]);
    expect(slots[0]).toMatchObject({ startsAt: new Date('2026-12-07T08:00:00Z'), available: true });
  });

  it('shows the time of a stored booking without its held time as free instead of failing', () => {
    const held = bookedInBerlin('2026-12-07', '10:00-11:00').held;
    const occupancy = occupancyOf([
      {
        date: '2026-12-07',
        heldFrom: new Date('2026-12-07T09:00:00Z'),
        heldUntil: new Date('2026-12-07T10:00:00Z'),
      },
      // Written around the app: no held time at all, or one that is not a date.
      { date: '2026-12-07' } as never,
      { date: '2026-12-07', heldFrom: new Date('nonsense'), heldUntil: null } as never,
    ]);
    expect(occupancy.held).toEqual(held);
    const slots = slotsForWindow(rules(), { from: '2026-12-07', days: 1 }, now, occupancy);
    expect(slots.map((slot) => [slot.timeSlot, slot.reason ?? 'free'])).toEqual([
      ['09:00-10:00', 'free'],
      ['10:00-11:00', 'booked'],
      ['11:00-12:00', 'free'],
    ]);
  });

  it('says why a listed slot cannot be booked: past, booked, too soon', () => {
    const slots = slotsForWindow(
      rules({ minimumNoticeMinutes: 120 }),
      { from: '2026-12-07', days: 1 },
      new Date('2026-12-07T09:10:00Z'), // 10:10 in Berlin
      bookedInBerlin('2026-12-07', '11:00-12:00'),
    );
    expect(slots.map((slot) => [slot.timeSlot, slot.reason ?? 'free'])).toEqual([
      ['09:00-10:00', 'past'],
      ['10:00-11:00', 'past'],
      ['11:00-12:00', 'booked'],
    ]);
    const later = slotsForWindow(
      rules({ minimumNoticeMinutes: 120 }),
      { from: '2026-12-07', days: 1 },
      now,
      NOTHING_BOOKED,
    );
    expect(later.map((slot) => [slot.timeSlot, slot.reason ?? 'free'])).toEqual([
      ['09:00-10:00', 'too_soon'],
      ['10:00-11:00', 'too_soon'],
      ['11:00-12:00', 'free'],
    ]);
  });

  it('lets an override close a day or open a day that is normally off', () => {
    const withOverrides = rules({
      overrides: [
        { date: '2026-12-07', intervals: [] },
        { date: '2026-12-12', intervals: [{ start: '18:00', end: '20:00' }] },
      ],
    });
    const slots = slotsForWindow(
      withOverrides,
      { from: '2026-12-07', days: 7 },
      now,
      NOTHING_BOOKED,
    );
    expect(slots.filter((slot) => slot.date === '2026-12-07')).toEqual([]);
    expect(slots.filter((slot) => slot.date === '2026-12-12').map((slot) => slot.timeSlot)).toEqual(
      ['18:00-19:00', '19:00-20:00'],
    );
  });

  it('offers nothing before today or beyond the horizon, however the window is asked for', () => {
    const short = rules({ horizonDays: 8 });
    const slots = slotsForWindow(short, { from: '2026-11-30', days: 62 }, now, NOTHING_BOOKED);
    const dates = [...new Set(slots.map((slot) => slot.date))];
    expect(dates).toEqual(['2026-12-07', '2026-12-08', '2026-12-14', '2026-12-15']);
    expect(slotsForWindow(short, { from: '2026-12-16', days: 14 }, now, NOTHING_BOOKED)).toEqual(
      [],
    );
  });

  it('keeps offering slots months after any seed ran: rules never run dry', () => {
    const months = new Date('2027-05-03T06:00:00Z');
    expect(slotsForWindow(rules(), { days: 14 }, months, NOTHING_BOOKED).length).toBe(14);
  });
});

describe('nextFreeSlot', () => {
  const now = new Date('2026-12-07T07:30:00Z');

  it('is the first slot that is neither booked nor too soon', () => {
    const taken = bookedInBerlin('2026-12-07', '09:00-10:00');
    expect(nextFreeSlot(rules({ minimumNoticeMinutes: 120 }), now, taken)).toMatchObject({
      date: '2026-12-07',
      timeSlot: '11:00-12:00',
    });
  });

  it('looks past fully booked days and gives up at the horizon', () => {
    const taken = bookedInBerlin('2026-12-07', '09:00-10:00', '10:00-11:00', '11:00-12:00');
    expect(nextFreeSlot(rules(), now, taken)).toMatchObject({
      date: '2026-12-08',
      timeSlot: '09:00-10:00',
    });
    expect(nextFreeSlot(rules({ weeklyHours: {} }), now, NOTHING_BOOKED)).toBeNull();
  });
});

describe('checkSlot', () => {
  const now = new Date('2026-12-07T07:30:00Z');

  it('resolves an offered slot to its instant', () => {
    expect(checkSlot(rules(), '2026-12-08', '13:00-14:00', now)).toEqual({
      startsAt: new Date('2026-12-08T12:00:00Z'),
      endsAt: new Date('2026-12-08T13:00:00Z'),
      sessionMinutes: 60,
    });
  });

  it.each([
    ['2026-12-08', '12:00-13:00', {}, 'not_offered'],
    ['2026-12-09', '09:00-10:00', {}, 'not_offered'],
    ['2026-12-07', '09:00-10:00', { minimumNoticeMinutes: 120 }, 'too_soon'],
    ['2027-02-08', '09:00-10:00', {}, 'beyond_horizon'],
    ['2026-11-30', '09:00-10:00', {}, 'past'],
  ] as const)('refuses %s %s with %o: %s', (date, timeSlot, overrides, problem) => {
    expect(checkSlot(rules(overrides), date, timeSlot, now)).toEqual({ problem });
  });

  it('refuses a start time the clocks skip', () => {
    const early = new Date('2026-03-01T00:00:00Z');
    expect(checkSlot(allDay('Europe/Berlin'), '2026-03-29', '02:30-03:00', early)).toEqual({
      problem: 'not_offered',
    });
  });
});
