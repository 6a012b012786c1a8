import { AvailabilitySchema, SlotWindowQuerySchema } from './availability';
import { TimeSlotSchema } from './fields';

const valid = {
  timezone: 'America/New_York',
  sessionMinutes: 30,
  minimumNoticeMinutes: 120,
  horizonDays: 60,
  weeklyHours: {
    monday: [
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '17:00' },
    ],
    saturday: [{ start: '20:00', end: '24:00' }],
  },
  overrides: [{ date: '2026-12-24', intervals: [] }],
};

function fieldErrors(input: unknown): Record<string, string> {
  const result = AvailabilitySchema.safeParse(input);
  if (result.success) return {};
  return Object.fromEntries(
    result.error.issues.map((issue) => [issue.path.join('.'), issue.message]),
  );
}

describe('AvailabilitySchema', () => {
  it('accepts sensible rules and fills in the days without hours', () => {
    const parsed = AvailabilitySchema.parse(valid);
    expect(parsed.weeklyHours.sunday).toEqual([]);
    expect(parsed.weeklyHours.monday).toHaveLength(2);
  });

  it.each([
    [
      { timezone: 'Mars/Olympus' },
      'timezone',
      'Time zone must be an IANA name such as Europe/Berlin.',
    ],
    [
      { sessionMinutes: 25 },
      'sessionMinutes',
      'Session length must be one of 15, 20, 30, 45, 60, 90, 120 minutes.',
    ],
    [{ horizonDays: 0 }, 'horizonDays', 'Booking horizon must be at least 1.'],
    [{ minimumNoticeMinutes: -5 }, 'minimumNoticeMinutes', 'Minimum notice must be at least 0.'],
    [
      { weeklyHours: { monday: [{ start: '12:00', end: '09:00' }] } },
      'weeklyHours.monday.0.end',
      'An interval must end after it starts.',
    ],
    [
      { weeklyHours: { monday: [{ start: '09:00', end: '24:30' }] } },
      'weeklyHours.monday.0.end',
      'Time must be between 00:00 and 24:00, like 09:00.',
    ],
    [
      { weeklyHours: { monday: [{ start: '24:00', end: '24:00' }] } },
      'weeklyHours.monday.0.start',
      'An interval cannot start at 24:00.',
    ],
    [
      {
        weeklyHours: {
          tuesday: [
            { start: '09:00', end: '12:00' },
            { start: '11:00', end: '13:00' },
          ],
        },
      },
      'weeklyHours.tuesday.1',
      'Intervals on Tuesday overlap: 09:00–12:00 and 11:00–13:00.',
    ],
    [
      { weeklyHours: { friday: [{ start: '09:00', end: '09:20' }] } },
      'weeklyHours.friday.0',
      '09:00–09:20 on Friday is shorter than one 30-minute session.',
    ],
    [
      {
        overrides: [
          { date: '2026-12-24', intervals: [] },
          { date: '2026-12-24', intervals: [] },
        ],
      },
      'overrides.1.date',
      '2026-12-24 has more than one override.',
    ],
    [
      { overrides: [{ date: '2026-02-30', intervals: [] }] },
      'overrides.0.date',
      'Date is not a real calendar day.',
    ],
  ])('refuses %o, naming %s', (change, field, message) => {
    expect(fieldErrors({ ...valid, ...change })).toMatchObject({ [field]: message });
  });

  it('lets intervals touch without overlapping', () => {
    const touching = {
      ...valid,
      weeklyHours: {
        monday: [
          { start: '09:00', end: '12:00' },
          { start: '12:00', end: '13:00' },
        ],
      },
    };
    expect(fieldErrors(touching)).toEqual({});
  });
});

describe('SlotWindowQuerySchema', () => {
  it.each([
    [{}, {}],
    [
      { from: '2026-12-01', days: '7' },
      { from: '2026-12-01', days: 7 },
    ],
  ])('reads %o', (query, expected) => {
    expect(SlotWindowQuerySchema.parse(query)).toEqual(expected);
  });

  it.each([
    { days: '0' },
    { days: '63' },
    { days: 'x' },
    { from: '2026-13-01' },
    { days: ['1', '2'] },
  ])('refuses %o', (query) => {
    expect(SlotWindowQuerySchema.safeParse(query).success).toBe(false);
  });
});

describe('TimeSlotSchema', () => {
  it.each(['09:00-10:00', '23:00-24:00'])('accepts %s', (label) => {
    expect(TimeSlotSchema.safeParse(label).success).toBe(true);
  });

  it.each(['24:00-24:30', '10:00-09:00', '9:00-10:00'])('refuses %s', (label) => {
    expect(TimeSlotSchema.safeParse(label).success).toBe(false);
  });
});
