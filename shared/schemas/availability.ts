import * as z from 'zod/mini';

import { SESSION_MINUTES, WEEKDAYS, type Weekday } from './availability-options';
import { DateSchema, queryIntegerContract } from './fields';

/**
 * An expert's availability as rules in their own time zone. Slots are computed from these rules
 * for whatever window is read (server/services/availability.ts), so nothing ever runs dry.
 */

export { SESSION_MINUTES, WEEKDAYS, type Weekday };

export const AVAILABILITY_LIMITS = {
  intervalsPerDay: 12,
  overrides: 400,
  maxNoticeMinutes: 30 * 24 * 60,
  maxCancellationNoticeMinutes: 7 * 24 * 60,
  maxHorizonDays: 365,
  extraSessionLengths: 3,
  minSessionMinutes: 15,
  maxSessionMinutes: 240,
  minStartEveryMinutes: 5,
  maxStartEveryMinutes: 240,
  maxBufferMinutes: 120,
  maxSessionsPerDay: 100,
} as const;

/**
 * Every time the rules name falls on a five-minute mark, so bookings hold whole five-minute
 * blocks of time and a block never straddles two sessions (server/services/bookings/holds.ts).
 */
export const MINUTE_STEP = 5;

/** `HH:MM` from 00:00 to 24:00 (the end of the day, valid only as an interval's end). */
const TimeOfDaySchema = z.string({ error: 'Time must be text like 09:00.' }).check(
  z.regex(
    /^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/,
    'Time must be between 00:00 and 24:00, like 09:00.',
  ),
  z.refine(
    (time) => Number(time.slice(3)) % MINUTE_STEP === 0,
    `Time must be on a ${MINUTE_STEP}-minute mark, like 09:05.`,
  ),
);

/** `HH:MM` of minutes since local midnight: 570 → `09:30`, 1440 → `24:00`. */
export function timeOfDay(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  return `${String(hours).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Minutes since local midnight of an `HH:MM` time. */
export function minutesOfDay(time: string): number {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

export const IntervalSchema = z.object({ start: TimeOfDaySchema, end: TimeOfDaySchema }).check(
  z.refine((interval) => interval.start !== '24:00', {
    message: 'An interval cannot start at 24:00.',
    path: ['start'],
  }),
  z.refine((interval) => minutesOfDay(interval.start) < minutesOfDay(interval.end), {
    message: 'An interval must end after it starts.',
    path: ['end'],
  }),
);
export type Interval = z.infer<typeof IntervalSchema>;

const IntervalsSchema = z
  .array(IntervalSchema, { error: 'Intervals must be a list.' })
  .check(
    z.maxLength(
      AVAILABILITY_LIMITS.intervalsPerDay,
      `At most ${AVAILABILITY_LIMITS.intervalsPerDay} intervals per day.`,
    ),
  );

const dayHours = z._default(IntervalsSchema, []);

export const WeeklyHoursSchema = z.object(
  Object.fromEntries(WEEKDAYS.map((day) => [day, dayHours])) as Record<Weekday, typeof dayHours>,
  { error: 'Weekly hours must list the intervals of each weekday.' },
);
export type WeeklyHours = z.infer<typeof WeeklyHoursSchema>;

/** A date with hours of its own; no intervals means the day is off. */
export const DateOverrideSchema = z.object({ date: DateSchema, intervals: IntervalsSchema });
export type DateOverride = z.infer<typeof DateOverrideSchema>;

/**
 * Zones already found valid: building a formatter costs about 0.15 ms, which the list's
 * availability search would otherwise pay on every request. Only real zone names get in, so it
 * stays as small as the zone database.
 */
const knownTimeZones = new Set<string>();

function isKnownTimeZone(zone: string): boolean {
  if (knownTimeZones.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    return false;
  }
  const known = zone.includes('/') || zone === 'UTC';
  if (known) knownTimeZones.add(zone);
  return known;
}

export const TimeZoneSchema = z.string({ error: 'Time zone must be text.' }).check(
  z.maxLength(64, 'Time zone must be at most 64 characters.'),
  z.refine(isKnownTimeZone, 'Time zone must be an IANA name such as Europe/Berlin.'),
  // No list of names in the contract: the runtime's list lacks current names such as
  // Asia/Kolkata, which it accepts all the same.
  z.meta({ description: 'An IANA time zone name.', example: 'Europe/Berlin' }),
);

const wholeNumber = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label} must be a number.` })
    .check(
      z.int(`${label} must be a whole number.`),
      z.gte(min, `${label} must be at least ${min}.`),
      z.lte(max, `${label} must be at most ${max}.`),
    );

/** Whole minutes on a five-minute mark, from `min` to `max`. */
const stepMinutes = (label: string, min: number, max: number) =>
  wholeNumber(label, min, max).check(
    z.refine(
      (value) => value % MINUTE_STEP === 0,
      `${label} must be a multiple of ${MINUTE_STEP}.`,
    ),
    z.meta({ override: { type: 'integer', minimum: min, maximum: max, multipleOf: MINUTE_STEP } }),
  );

const LIMITS = AVAILABILITY_LIMITS;

const AvailabilityRulesSchema = z.object({
  timezone: TimeZoneSchema,
  sessionMinutes: z.number({ error: 'Session length must be a number of minutes.' }).check(
    z.refine((value) => (SESSION_MINUTES as readonly number[]).includes(value), {
      message: `Session length must be one of ${SESSION_MINUTES.join(', ')} minutes.`,
    }),
    z.meta({ override: { type: 'integer', enum: [...SESSION_MINUTES] } }),
  ),
  /** Lengths a client may choose besides `sessionMinutes`, the default one. */
  extraSessionMinutes: z._default(
    z
      .array(
        stepMinutes('Extra session length', LIMITS.minSessionMinutes, LIMITS.maxSessionMinutes),
        {
          error: 'Extra session lengths must be a list of minutes.',
        },
      )
      .check(
        z.maxLength(
          LIMITS.extraSessionLengths,
          `At most ${LIMITS.extraSessionLengths} extra session lengths.`,
        ),
      ),
    [],
  ),
  /** Sessions start this often; absent, each length follows the previous session of its length. */
  startEveryMinutes: z.optional(
    stepMinutes('Start every', LIMITS.minStartEveryMinutes, LIMITS.maxStartEveryMinutes),
  ),
  bufferBeforeMinutes: z._default(stepMinutes('Buffer before', 0, LIMITS.maxBufferMinutes), 0),
  bufferAfterMinutes: z._default(stepMinutes('Buffer after', 0, LIMITS.maxBufferMinutes), 0),
  /** Sessions per local day at most, across every length; absent, no limit. */
  maxSessionsPerDay: z.optional(wholeNumber('Sessions per day', 1, LIMITS.maxSessionsPerDay)),
  minimumNoticeMinutes: z._default(
    wholeNumber('Minimum notice', 0, AVAILABILITY_LIMITS.maxNoticeMinutes),
    0,
  ),
  /**
   * How long before a session its client can no longer cancel or move it (the expert and admins
   * still can); 0 = any time before the start. Each booking keeps the deadline it was made with.
   */
  cancellationNoticeMinutes: z._default(
    wholeNumber('Cancellation notice', 0, AVAILABILITY_LIMITS.maxCancellationNoticeMinutes),
    0,
  ),
  horizonDays: wholeNumber('Booking horizon', 1, AVAILABILITY_LIMITS.maxHorizonDays),
  weeklyHours: WeeklyHoursSchema,
  overrides: z._default(
    z
      .array(DateOverrideSchema, { error: 'Overrides must be a list.' })
      .check(
        z.maxLength(
          AVAILABILITY_LIMITS.overrides,
          `At most ${AVAILABILITY_LIMITS.overrides} overrides.`,
        ),
      ),
    [],
  ),
});

/** Every length the rules offer, the default first. */
export function sessionLengths(
  rules: Pick<Availability, 'sessionMinutes' | 'extraSessionMinutes'>,
): number[] {
  return [rules.sessionMinutes, ...rules.extraSessionMinutes];
}

export const AvailabilitySchema = AvailabilityRulesSchema.check(
  z.superRefine((availability, context) => {
    const lengths = sessionLengths(availability);
    availability.extraSessionMinutes.forEach((minutes, index) => {
      if (lengths.indexOf(minutes) !== index + 1) {
        context.addIssue({
          code: 'custom',
          path: ['extraSessionMinutes', index],
          message: `${minutes} minutes is already offered.`,
        });
      }
    });
    const shortest = Math.min(...lengths);
    const days: { path: (string | number)[]; label: string; intervals: Interval[] }[] = [
      ...WEEKDAYS.map((day) => ({
        path: ['weeklyHours', day],
        label: day[0]!.toUpperCase() + day.slice(1),
        intervals: availability.weeklyHours[day],
      })),
      ...availability.overrides.map((override, index) => ({
        path: ['overrides', index, 'intervals'],
        label: override.date,
        intervals: override.intervals,
      })),
    ];
    for (const { path, label, intervals } of days) {
      intervals.forEach((interval, index) => {
        const length = minutesOfDay(interval.end) - minutesOfDay(interval.start);
        // A reversed interval already says it must end after it starts: one message is enough.
        if (length > 0 && length < shortest) {
          context.addIssue({
            code: 'custom',
            path: [...path, index],
            message: `${interval.start}–${interval.end} on ${label} is shorter than one ${shortest}-minute session.`,
          });
        }
      });
      const sorted = intervals
        .map((interval, index) => ({ ...interval, index }))
        .sort((a, b) => minutesOfDay(a.start) - minutesOfDay(b.start));
      for (let i = 1; i < sorted.length; i++) {
        const previous = sorted[i - 1]!;
        const current = sorted[i]!;
        if (minutesOfDay(current.start) < minutesOfDay(previous.end)) {
          context.addIssue({
            code: 'custom',
            path: [...path, current.index],
            message: `Intervals on ${label} overlap: ${previous.start}–${previous.end} and ${current.start}–${current.end}.`,
          });
        }
      }
    }
    const seen = new Set<string>();
    availability.overrides.forEach((override, index) => {
      if (seen.has(override.date)) {
        context.addIssue({
          code: 'custom',
          path: ['overrides', index, 'date'],
          message: `${override.date} has more than one override.`,
        });
      }
      seen.add(override.date);
    });
  }),
);
export type Availability = z.infer<typeof AvailabilitySchema>;
/** The rules as the expert document stores them: the zone is the expert's own `timezone`. */
export type StoredRules = Omit<Availability, 'timezone'>;

export function storedRules(rules: Availability): StoredRules {
  const stored: Partial<Availability> = { ...rules };
  delete stored.timezone;
  return stored as StoredRules;
}

/** What a client sends: defaults may be left out. */
export type AvailabilityInput = z.input<typeof AvailabilitySchema>;

const MAX_WINDOW_DAYS = 62;

/**
 * A whole number of up to three digits read from a query string, from `min` to `max`. The
 * messages name the value as `label`, and `unit` (e.g. " minutes") after each number.
 */
function queryWholeNumber(
  label: string,
  { min, max, unit = '', tooSmall }: { min: number; max: number; unit?: string; tooSmall?: string },
) {
  const wholeNumber = `whole number${unit ? ` of${unit}` : ''}`;
  return z
    .pipe(
      z.pipe(
        z
          .string({ error: `${label} must be a single ${wholeNumber}.` })
          .check(z.regex(/^[0-9]{1,3}$/, `${label} must be a ${wholeNumber}.`)),
        z.transform((value) => Number(value)),
      ),
      z
        .number()
        .check(
          z.int(),
          z.gte(min, tooSmall ?? `${label} must be at least ${min}${unit}.`),
          z.lte(max, `${label} must be at most ${max}${unit}.`),
        ),
    )
    .register(z.globalRegistry, queryIntegerContract(min, max));
}

/** `?from=YYYY-MM-DD&days=N&sessionMinutes=N` of an expert's slots; all optional. */
export const SlotWindowQuerySchema = z.object({
  from: z.optional(DateSchema),
  days: z.optional(
    queryWholeNumber('Days', { min: 1, max: MAX_WINDOW_DAYS, tooSmall: 'Days must be 1 or more.' }),
  ),
  /** Which of the expert's session lengths to list; default the expert's default length. */
  sessionMinutes: z.optional(
    queryWholeNumber('Session length', {
      min: LIMITS.minSessionMinutes,
      max: LIMITS.maxSessionMinutes,
      unit: ' minutes',
    }),
  ),
});
export type SlotWindowQuery = z.infer<typeof SlotWindowQuerySchema>;
