import {
  minutesOfDay,
  sessionLengths,
  timeOfDay,
  WEEKDAYS,
  type Availability,
  type Interval,
} from '../../shared/schemas/availability';
import type { UnavailableReason } from '../../shared/schemas/slot-reasons';
import { heldSpan, HeldTimes, type Span } from './bookings/intervals';
import { addDays, weekdayIndex } from '../../shared/time/calendar-days';
import { ZoneClock } from './zone-time';

/**
 * Turns an expert's availability rules into slots for any window of days. Pure: no I/O, no
 * clock of its own (`now` is passed in), so every rule is tested without a database. Whether a
 * slot is free is decided on instants: its session with the buffers against the time active
 * bookings hold, never by comparing labels.
 */

export interface OfferedSlot {
  /** The expert's local day, `YYYY-MM-DD`. */
  date: string;
  /** The local label, e.g. `09:00-10:00`: how people and the API name the slot. */
  timeSlot: string;
  startsAt: Date;
  endsAt: Date;
}

export interface WindowSlot extends OfferedSlot {
  available: boolean;
  /** Why it cannot be booked; absent when it can. */
  reason?: UnavailableReason;
}

/** Why a slot asked for by date and label cannot be booked. */
export type SlotProblem = 'not_offered' | 'past' | 'too_soon' | 'beyond_horizon';

/** What the expert's active bookings occupy. */
export interface Occupancy {
  /** The time they hold, buffers included. */
  held: HeldTimes;
  /** The daily limit's seats on each local day, as the bookings' `date` names it. */
  perDay: ReadonlyMap<string, DaySeats>;
}

/**
 * A day's bookings as the daily limit sees them: those without a seat (made while there was no
 * limit) and the seat numbers the others hold. A new booking takes a free seat after the
 * seatless ones, up to the limit (bookings/service.ts); the page offers the day while one is free.
 */
export interface DaySeats {
  seatless: number;
  seats: number[];
}

export interface HoldingBooking {
  date: string;
  heldFrom: Date;
  heldUntil: Date;
  /** The id of its seat, `d:<expertId>:<date>:<n>`, when it holds one. */
  daySeat?: string | null;
}

/** `d:<expertId>:<date>:<n>` → n. */
export function seatNumber(daySeat: string): number {
  return Number(daySeat.slice(daySeat.lastIndexOf(':') + 1));
}

export function occupancyOf(bookings: Iterable<HoldingBooking>): Occupancy {
  const spans: Span[] = [];
  const perDay = new Map<string, DaySeats>();
  for (const booking of bookings) {
    // A booking written around the app (an import, an older version's) may lack its held time.
    // It holds no time in the database either, so pages show that time free rather than fail:
    // the write still decides.
    if (isDate(booking.heldFrom) && isDate(booking.heldUntil)) {
      spans.push({ from: booking.heldFrom.getTime(), until: booking.heldUntil.getTime() });
    }
    const day = perDay.get(booking.date) ?? { seatless: 0, seats: [] };
    if (booking.daySeat) day.seats.push(seatNumber(booking.daySeat));
    else day.seatless += 1;
    perDay.set(booking.date, day);
  }
  return { held: new HeldTimes(spans), perDay };
}

/** Whether no seat is left on the day: none free after the seatless bookings, up to the limit. */
function dayIsFull(limit: number, day: DaySeats | undefined): boolean {
  if (!day) return false;
  const taken = day.seats.filter((seat) => seat > day.seatless && seat <= limit).length;
  return taken >= limit - day.seatless;
}

function isDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

export const NOTHING_BOOKED: Occupancy = { held: HeldTimes.NONE, perDay: new Map() };

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** One day's sessions of one length: minutes after local midnight and the label of each. */
interface DayPlan {
  starts: number[];
  labels: string[];
}

function planOf(intervals: readonly Interval[], length: number, step: number): DayPlan {
  const plan: DayPlan = { starts: [], labels: [] };
  const sorted = [...intervals].sort((a, b) => minutesOfDay(a.start) - minutesOfDay(b.start));
  for (const interval of sorted) {
    const end = minutesOfDay(interval.end);
    for (let start = minutesOfDay(interval.start); start + length <= end; start += step) {
      plan.starts.push(start);
      plan.labels.push(`${timeOfDay(start)}-${timeOfDay(start + length)}`);
    }
  }
  return plan;
}

/**
 * The rules of one expert, ready to answer "what does this day offer?" many times: each
 * weekday's sessions of each length are worked out once, and each day then costs one offset
 * look-up. Kept as long as the rules object lives: the catalogue read model holds one per
 * expert, so the list and the expert's page work out an expert's plans and offsets once.
 */
function compile(rules: Availability): CompiledRules {
  let compiled = compiledRules.get(rules);
  if (!compiled) {
    compiled = compileNow(rules);
    compiledRules.set(rules, compiled);
  }
  return compiled;
}

type CompiledRules = ReturnType<typeof compileNow>;
const compiledRules = new WeakMap<Availability, CompiledRules>();

function compileNow(rules: Availability) {
  const clock = new ZoneClock(rules.timezone);
  const plans = new Map(
    sessionLengths(rules).map((length) => {
      const step = rules.startEveryMinutes ?? length;
      const weekly = WEEKDAYS.map((day) => planOf(rules.weeklyHours[day], length, step));
      const overrides = new Map(
        rules.overrides.map((override) => [
          override.date,
          planOf(override.intervals, length, step),
        ]),
      );
      return [length, { weekly, overrides }] as const;
    }),
  );

  /** Every slot of one length the rules offer on one local day, earliest first. */
  function offeredOn(date: string, length: number): OfferedSlot[] {
    const lengthPlans = plans.get(length);
    if (!lengthPlans) return [];
    const plan = lengthPlans.overrides.get(date) ?? lengthPlans.weekly[weekdayIndex(date)]!;
    if (plan.starts.length === 0) return [];
    const instantOf = clock.day(date);
    const slots: OfferedSlot[] = [];
    plan.starts.forEach((start, index) => {
      const instant = instantOf(start);
      // A start time the clocks skip (spring forward) does not exist that day.
      if (instant !== undefined) {
        slots.push({
          date,
          timeSlot: plan.labels[index]!,
          startsAt: new Date(instant),
          endsAt: new Date(instant + length * MINUTE),
        });
      }
    });
    return slots;
  }

  return { clock, offeredOn };
}

/** The bookable range of local days: from today to the horizon, both included. */
export function bookableDays(rules: Availability, now: Date): { today: string; last: string } {
  const today = compile(rules).clock.today(now);
  return { today, last: addDays(today, rules.horizonDays) };
}

/** The time a session of these rules holds: the session and its buffers. */
export function spanOf(rules: Availability, slot: Pick<OfferedSlot, 'startsAt' | 'endsAt'>): Span {
  return heldSpan(slot.startsAt, slot.endsAt, rules);
}

function reasonFor(
  slot: OfferedSlot,
  now: Date,
  rules: Availability,
  occupancy: Occupancy,
): UnavailableReason | undefined {
  if (slot.startsAt.getTime() <= now.getTime()) return 'past';
  if (occupancy.held.overlaps(spanOf(rules, slot))) return 'booked';
  if (
    rules.maxSessionsPerDay !== undefined &&
    dayIsFull(rules.maxSessionsPerDay, occupancy.perDay.get(slot.date))
  ) {
    return 'day_full';
  }
  if (slot.startsAt.getTime() < now.getTime() + rules.minimumNoticeMinutes * MINUTE) {
    return 'too_soon';
  }
  return undefined;
}

/**
 * The slots of one length (default: the expert's default length) for `days` local days from
 * `from` (default: today in the expert's zone), each free or not with its reason. Days before
 * today and beyond the horizon offer nothing.
 */
export function slotsForWindow(
  rules: Availability,
  window: { from?: string; days: number; sessionMinutes?: number },
  now: Date,
  occupancy: Occupancy,
): WindowSlot[] {
  const { clock, offeredOn } = compile(rules);
  const length = window.sessionMinutes ?? rules.sessionMinutes;
  const today = clock.today(now);
  const last = addDays(today, rules.horizonDays);
  const slots: WindowSlot[] = [];
  for (let offset = 0; offset < window.days; offset++) {
    const date = addDays(window.from ?? today, offset);
    if (date < today) continue;
    if (date > last) break;
    for (const slot of offeredOn(date, length)) {
      const reason = reasonFor(slot, now, rules, occupancy);
      slots.push(Object.assign(slot, reason ? { available: false, reason } : { available: true }));
    }
  }
  return slots;
}

/** The first slot of the default length someone could book now, or null; looks no further. */
export function nextFreeSlot(
  rules: Availability,
  now: Date,
  occupancy: Occupancy,
): OfferedSlot | null {
  const { clock, offeredOn } = compile(rules);
  const today = clock.today(now);
  for (let offset = 0; offset <= rules.horizonDays; offset++) {
    const date = addDays(today, offset);
    const free = offeredOn(date, rules.sessionMinutes).find(
      (slot) => !reasonFor(slot, now, rules, occupancy),
    );
    if (free) return free;
  }
  return null;
}

/**
 * The first slot of the default length someone could book now that starts at or after `from`
 * and before `until` (UTC instants in milliseconds) and that `accepts` takes, or null: the first
 * of the free slots `slotsForWindow` lists for the expert's local days those instants touch.
 */
export function firstFreeBetween(
  rules: Availability,
  now: Date,
  occupancy: Occupancy,
  {
    from,
    until,
    accepts = () => true,
  }: { from: number; until: number; accepts?: (instant: number) => boolean },
): OfferedSlot | null {
  const at = now.getTime();
  // Every bookable slot starts before this (a local day lasts at most 25 hours), and days asked
  // about are only named inside it: the zone clock remembers each day it is asked for.
  const bookableUntil = at + (rules.horizonDays + 2) * DAY;
  if (until <= at || from >= bookableUntil) return null;
  const { clock, offeredOn } = compile(rules);
  const today = clock.today(now);
  const horizon = addDays(today, rules.horizonDays);
  const lastAsked = clock.today(new Date(Math.min(until, bookableUntil) - 1));
  const last = lastAsked < horizon ? lastAsked : horizon;
  const firstAsked = clock.today(new Date(Math.max(from, at)));
  for (let date = firstAsked < today ? today : firstAsked; date <= last; date = addDays(date, 1)) {
    for (const slot of offeredOn(date, rules.sessionMinutes)) {
      const starts = slot.startsAt.getTime();
      if (starts < from || starts >= until || !accepts(starts)) continue;
      if (!reasonFor(slot, now, rules, occupancy)) return slot;
    }
  }
  return null;
}

/** A slot the rules let someone book now, with its length. */
export interface BookableTime {
  startsAt: Date;
  endsAt: Date;
  sessionMinutes: number;
}

/**
 * Whether the rules let someone book this slot now (whether its time is still free is the
 * database's business). The label names the length; `sessionMinutes`, when given, must agree.
 * Resolves its instants, or the problem.
 */
export function checkSlot(
  rules: Availability,
  date: string,
  timeSlot: string,
  now: Date,
  sessionMinutes?: number,
): BookableTime | { problem: SlotProblem } {
  const { clock, offeredOn } = compile(rules);
  const lengths = sessionMinutes === undefined ? sessionLengths(rules) : [sessionMinutes];
  let found: { slot: OfferedSlot; length: number } | undefined;
  for (const length of lengths) {
    const slot = offeredOn(date, length).find((candidate) => candidate.timeSlot === timeSlot);
    if (slot) {
      found = { slot, length };
      break;
    }
  }
  if (!found) return { problem: 'not_offered' };
  const { slot, length } = found;
  if (slot.startsAt.getTime() <= now.getTime()) return { problem: 'past' };
  if (date > addDays(clock.today(now), rules.horizonDays)) return { problem: 'beyond_horizon' };
  if (slot.startsAt.getTime() < now.getTime() + rules.minimumNoticeMinutes * MINUTE) {
    return { problem: 'too_soon' };
  }
  return { startsAt: slot.startsAt, endsAt: slot.endsAt, sessionMinutes: length };
}
