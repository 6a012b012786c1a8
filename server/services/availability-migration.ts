import {
  AvailabilitySchema,
  minutesOfDay,
  SESSION_MINUTES,
  storedRules,
  type Availability,
  type Interval,
} from '../../shared/schemas/availability';
import { ExpertModel } from '../../models';
import { dateStamp } from '../../shared/time/calendar-days';
import { ZoneClock } from './zone-time';

/** One day of the availability experts carried before the rules: a date and its labels. */
export interface DatedDay {
  date: string;
  timeSlots: readonly string[];
}

/** Horizon given to converted rules, unless their last dated day lies further ahead. */
export const MIGRATED_HORIZON_DAYS = 60;

const DAY = 24 * 60 * 60 * 1000;

function mostCommonSessionLength(intervals: readonly Interval[]): number {
  const counts = new Map<number, number>();
  for (const { start, end } of intervals) {
    const length = minutesOfDay(end) - minutesOfDay(start);
    counts.set(length, (counts.get(length) ?? 0) + 1);
  }
  let best: number = SESSION_MINUTES[SESSION_MINUTES.length - 1]!;
  let bestCount = 0;
  for (const length of SESSION_MINUTES) {
    const count = counts.get(length) ?? 0;
    if (count > bestCount) [best, bestCount] = [length, count];
  }
  return bestCount > 0 ? best : 60;
}

function intervalOf(label: string): Interval | undefined {
  const match = /^(\d\d:\d\d)-(\d\d:\d\d)$/.exec(label);
  if (!match) return undefined;
  const [, start = '', end = ''] = match;
  return minutesOfDay(start) < minutesOfDay(end) ? { start, end } : undefined;
}

/**
 * Rules that offer exactly what a dated list offered from today on: each coming day becomes an
 * override whose intervals are its slots, weekly hours stay empty, the session length is the one
 * the slots have. A label of another length, or one overlapping an earlier label of its day,
 * cannot be expressed and is counted in `dropped` (its bookings stay, as every booking does).
 */
export function rulesFromDatedDays(
  days: readonly DatedDay[],
  timezone: string,
  now: Date,
): { rules: Availability; dropped: number } {
  const today = new ZoneClock(timezone).today(now);
  const byDate = new Map<string, Interval[]>();
  for (const day of days) {
    if (day.date < today) continue;
    const list = byDate.get(day.date) ?? [];
    for (const label of day.timeSlots) {
      const interval = intervalOf(label);
      if (interval) list.push(interval);
    }
    byDate.set(day.date, list);
  }
  const sessionMinutes = mostCommonSessionLength([...byDate.values()].flat());
  let dropped = days
    .filter((day) => day.date >= today)
    .reduce((count, day) => count + day.timeSlots.length, 0);
  const overrides: Availability['overrides'] = [];
  for (const [date, list] of [...byDate].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const intervals: Interval[] = [];
    let end = -1;
    for (const interval of list.sort((a, b) => minutesOfDay(a.start) - minutesOfDay(b.start))) {
      const length = minutesOfDay(interval.end) - minutesOfDay(interval.start);
      if (length !== sessionMinutes || minutesOfDay(interval.start) < end) continue;
      if (intervals.some((kept) => kept.start === interval.start)) continue;
      intervals.push(interval);
      end = minutesOfDay(interval.end);
    }
    dropped -= intervals.length;
    if (intervals.length > 0) overrides.push({ date, intervals });
  }
  const lastDate = overrides.at(-1)?.date ?? today;
  const horizonDays = Math.max(
    MIGRATED_HORIZON_DAYS,
    Math.round((dateStamp(lastDate) - dateStamp(today)) / DAY),
  );
  const rules = AvailabilitySchema.parse({
    timezone,
    sessionMinutes,
    minimumNoticeMinutes: 0,
    horizonDays,
    weeklyHours: {},
    overrides,
  });
  return { rules, dropped };
}

/**
 * Converts, once, every expert still carrying the dated list into rules. Idempotent: it only
 * reads experts whose availability has no session length, and each write is conditional on that
 * still being so. Runs at start-up before the catalogue is built. Returns what it changed.
 */
export async function migrateDatedAvailability(
  now: Date,
): Promise<{ experts: number; dropped: number }> {
  const notRules = { 'availability.sessionMinutes': { $exists: false } };
  const old = await ExpertModel.find(notRules, { timezone: 1, availability: 1 }).lean();
  let experts = 0;
  let dropped = 0;
  for (const expert of old) {
    const stored: unknown = expert.availability;
    const days = Array.isArray(stored) ? (stored as DatedDay[]) : [];
    const converted = rulesFromDatedDays(days, expert.timezone, now);
    const result = await ExpertModel.updateOne(
      { _id: expert._id, ...notRules },
      { $set: { availability: storedRules(converted.rules) } },
    );
    experts += result.modifiedCount;
    dropped += converted.dropped;
  }
  return { experts, dropped };
}
