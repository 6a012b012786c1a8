import { WEEKDAYS, type Availability, type Interval } from '../../shared/schemas/availability';
import { monthOf } from '../../models';
import { bookableDays } from './availability';
import { monthsAround } from './bookings/occupancy-store';
import { addDays } from '../../shared/time/calendar-days';

/** The availability rules as the expert document stores them (lean reads, no casting). */
export interface StoredAvailability {
  sessionMinutes: number;
  extraSessionMinutes?: readonly number[] | null;
  startEveryMinutes?: number | null;
  bufferBeforeMinutes?: number | null;
  bufferAfterMinutes?: number | null;
  maxSessionsPerDay?: number | null;
  minimumNoticeMinutes?: number | null;
  cancellationNoticeMinutes?: number | null;
  horizonDays: number;
  weeklyHours?: Partial<Record<(typeof WEEKDAYS)[number], readonly Interval[] | null>> | null;
  overrides?: readonly { date: string; intervals?: readonly Interval[] | null }[] | null;
}

/** What slots are computed from. The one place that knows where an expert's slots come from. */
export interface ScheduleSource {
  timezone: string;
  availability: StoredAvailability;
}

function intervals(list: readonly Interval[] | null | undefined): Interval[] {
  return (list ?? []).map(({ start, end }) => ({ start, end }));
}

/**
 * The expert's rules in the shape the slot computation takes. Stored rules were validated by
 * AvailabilitySchema when written (the API, the seed, the start-up migration), so no re-check.
 */
export function rulesOf(expert: ScheduleSource): Availability {
  const { availability } = expert;
  return {
    timezone: expert.timezone,
    sessionMinutes: availability.sessionMinutes,
    extraSessionMinutes: [...(availability.extraSessionMinutes ?? [])],
    ...(availability.startEveryMinutes
      ? { startEveryMinutes: availability.startEveryMinutes }
      : {}),
    bufferBeforeMinutes: availability.bufferBeforeMinutes ?? 0,
    bufferAfterMinutes: availability.bufferAfterMinutes ?? 0,
    ...(availability.maxSessionsPerDay
      ? { maxSessionsPerDay: availability.maxSessionsPerDay }
      : {}),
    minimumNoticeMinutes: availability.minimumNoticeMinutes ?? 0,
    cancellationNoticeMinutes: availability.cancellationNoticeMinutes ?? 0,
    horizonDays: availability.horizonDays,
    weeklyHours: Object.fromEntries(
      WEEKDAYS.map((day) => [day, intervals(availability.weeklyHours?.[day])]),
    ) as Availability['weeklyHours'],
    overrides: (availability.overrides ?? []).map((override) => ({
      date: override.date,
      intervals: intervals(override.intervals),
    })),
  };
}

export const DEFAULT_WINDOW_DAYS = 14;

/** A window of local days asked for, with the bookable range it is read against. */
export interface SlotWindow {
  from: string;
  days: number;
  /** Today in the expert's zone: the first day that can offer anything. */
  today: string;
  /** The last day within the booking horizon. */
  lastDay: string;
}

export function slotWindow(
  rules: Availability,
  query: { from?: string; days?: number },
  now: Date,
): SlotWindow {
  const { today, last } = bookableDays(rules, now);
  return {
    from: query.from ?? today,
    days: query.days ?? DEFAULT_WINDOW_DAYS,
    today,
    lastDay: last,
  };
}

/**
 * The local months (`YYYY-MM`) whose bookings a window needs: those of its days that can offer
 * anything (today to the horizon). Each is one `{ expertId, month }` equality read.
 */
export function monthsToRead(window: SlotWindow): string[] {
  const first = window.from > window.today ? window.from : window.today;
  const windowEnd = addDays(window.from, window.days - 1);
  const last = windowEnd < window.lastDay ? windowEnd : window.lastDay;
  const months = new Set<string>();
  for (let date = first; date <= last; date = addDays(date, 1)) months.add(monthOf(date));
  return [...months];
}

/** The local days a window shows that can offer anything: from today (or later) to its end. */
export function windowDays(window: SlotWindow): { first: string; last: string } {
  const first = window.from > window.today ? window.from : window.today;
  return { first, last: addDays(window.from, window.days - 1) };
}

/**
 * The months whose bookings can hold time from today to the horizon: every booking that can
 * still hide a coming slot (read as the expert page reads them, monthsAround).
 */
export function comingMonths(rules: Availability, now: Date): string[] {
  const { today, last } = bookableDays(rules, now);
  return monthsAround(today, last);
}
