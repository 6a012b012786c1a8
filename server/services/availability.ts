import {
  minutesOfDay,
  WEEKDAYS,
  type Availability,
  type Interval,
} from '../../app/schemas/availability';
import type { UnavailableReason } from '../../app/schemas/slot-reasons';
import { addDays, weekdayIndex, ZoneClock } from './zone-time';

/**
 * Turns an expert's availability rules into slots for any window of days. Pure: no I/O, no
 * clock of its own (`now` is passed in), so every rule is tested without a database.
 */

export interface OfferedSlot {
  /** The expert's local day, `YYYY-MM-DD`. */
  date: string;
  /** The local label, e.g. `09:00-10:00`: with the date, the booking key. */
  timeSlot: string;
  startsAt: Date;
}

export interface WindowSlot extends OfferedSlot {
  available: boolean;
  /** Why it cannot be booked; absent when it can. */
  reason?: UnavailableReason;
}

/** Why a slot asked for by date and label cannot be booked. */
export type SlotProblem = 'not_offered' | 'past' | 'too_soon' | 'beyond_horizon';

/** Booked slots of the window, as `slotKey(date, timeSlot)`. */
export type TakenSlots = ReadonlySet<string>;

const MINUTE = 60_000;

export function slotKey(date: string, timeSlot: string): string {
  return `${date} ${timeSlot}`;
}

function clockLabel(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  return `${String(hours).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** One day's sessions: minutes after local midnight and the label of each, earliest first. */
interface DayPlan {
  starts: number[];
  labels: string[];
}

function planOf(intervals: readonly Interval[], sessionMinutes: number): DayPlan {
  const plan: DayPlan = { starts: [], labels: [] };
  const sorted = [...intervals].sort((a, b) => minutesOfDay(a.start) - minutesOfDay(b.start));
  for (const interval of sorted) {
    const end = minutesOfDay(interval.end);
    for (let start = minutesOfDay(interval.start); start + sessionMinutes <= end;) {
      plan.starts.push(start);
      plan.labels.push(`${clockLabel(start)}-${clockLabel((start += sessionMinutes))}`);
    }
  }
  return plan;
}

/**
 * The rules of one expert, ready to answer "what does this day offer?" many times: each
 * weekday's sessions are worked out once, and each day then costs one offset look-up.
 */
function compile(rules: Availability) {
  const clock = new ZoneClock(rules.timezone);
  const weekly = WEEKDAYS.map((day) => planOf(rules.weeklyHours[day], rules.sessionMinutes));
  const overrides = new Map(
    rules.overrides.map((override) => [
      override.date,
      planOf(override.intervals, rules.sessionMinutes),
    ]),
  );
  return {
    clock,
    /** Every slot the rules offer on one local day, earliest first, whatever the time now. */
    offeredOn(date: string): OfferedSlot[] {
      const plan = overrides.get(date) ?? weekly[weekdayIndex(date)]!;
      if (plan.starts.length === 0) return [];
      const instantOf = clock.day(date);
      const slots: OfferedSlot[] = [];
      plan.starts.forEach((start, index) => {
        const instant = instantOf(start);
        // A start time the clocks skip (spring forward) does not exist that day.
        if (instant !== undefined) {
          slots.push({ date, timeSlot: plan.labels[index]!, startsAt: new Date(instant) });
        }
      });
      return slots;
    },
  };
}

/** The bookable range of local days: from today to the horizon, both included. */
export function bookableDays(rules: Availability, now: Date): { today: string; last: string } {
  const today = new ZoneClock(rules.timezone).today(now);
  return { today, last: addDays(today, rules.horizonDays) };
}

function reasonFor(
  slot: OfferedSlot,
  now: Date,
  rules: Availability,
  taken: TakenSlots,
): UnavailableReason | undefined {
  if (slot.startsAt.getTime() <= now.getTime()) return 'past';
  if (taken.has(slotKey(slot.date, slot.timeSlot))) return 'booked';
  if (slot.startsAt.getTime() < now.getTime() + rules.minimumNoticeMinutes * MINUTE) {
    return 'too_soon';
  }
  return undefined;
}

/**
 * The slots of `days` local days from `from` (default: today in the expert's zone), each free or
 * not with its reason. Days before today and beyond the horizon offer nothing.
 */
export function slotsForWindow(
  rules: Availability,
  window: { from?: string; days: number },
  now: Date,
  taken: TakenSlots,
): WindowSlot[] {
  const { clock, offeredOn } = compile(rules);
  const today = clock.today(now);
  const last = addDays(today, rules.horizonDays);
  const slots: WindowSlot[] = [];
  for (let offset = 0; offset < window.days; offset++) {
    const date = addDays(window.from ?? today, offset);
    if (date < today) continue;
    if (date > last) break;
    for (const slot of offeredOn(date)) {
      const reason = reasonFor(slot, now, rules, taken);
      slots.push(Object.assign(slot, reason ? { available: false, reason } : { available: true }));
    }
  }
  return slots;
}

/** The first slot someone could book now, or null; looks no further than it must. */
export function nextFreeSlot(
  rules: Availability,
  now: Date,
  taken: TakenSlots,
): OfferedSlot | null {
  const { clock, offeredOn } = compile(rules);
  const today = clock.today(now);
  for (let offset = 0; offset <= rules.horizonDays; offset++) {
    const date = addDays(today, offset);
    const free = offeredOn(date).find((slot) => !reasonFor(slot, now, rules, taken));
    if (free) return free;
  }
  return null;
}

/**
 * Whether the rules let someone book this slot now (whether it is still free is the unique
 * index's business). Resolves its instant, or the problem.
 */
export function checkSlot(
  rules: Availability,
  date: string,
  timeSlot: string,
  now: Date,
): { startsAt: Date } | { problem: SlotProblem } {
  const { clock, offeredOn } = compile(rules);
  const slot = offeredOn(date).find((candidate) => candidate.timeSlot === timeSlot);
  if (!slot) return { problem: 'not_offered' };
  if (slot.startsAt.getTime() <= now.getTime()) return { problem: 'past' };
  if (date > addDays(clock.today(now), rules.horizonDays)) return { problem: 'beyond_horizon' };
  if (slot.startsAt.getTime() < now.getTime() + rules.minimumNoticeMinutes * MINUTE) {
    return { problem: 'too_soon' };
  }
  return { startsAt: slot.startsAt };
}
