import { LRUCache } from 'lru-cache';
import { DateTime } from 'luxon';

import { monthOf } from '../../models';

/** One slot an expert offers, with the instant it starts (epoch milliseconds). */
export interface ScheduledSlot {
  date: string;
  timeSlot: string;
  startsAt: number;
}

/** What slots are computed from. The one place that knows where an expert's slots come from. */
export interface ScheduleSource {
  timezone: string;
  availability: readonly { date: string; timeSlots: readonly string[] }[];
}

// Luxon's zone arithmetic costs about 30 µs per slot; the same label on the same day in the same
// zone always starts at the same instant, so each is worked out once.
const instants = new LRUCache<string, number>({ max: 200_000 });

function startOf(date: string, timeSlot: string, timezone: string): number {
  const key = `${timezone} ${date} ${timeSlot}`;
  let instant = instants.get(key);
  if (instant === undefined) {
    const [start = ''] = timeSlot.split('-');
    instant = DateTime.fromISO(`${date}T${start}`, { zone: timezone }).toMillis();
    instants.set(key, instant);
  }
  return instant;
}

/** The instant a slot starts: its label's start time on its date, in the expert's time zone. */
export function slotStart(date: string, timeSlot: string, timezone: string): Date {
  return new Date(startOf(date, timeSlot, timezone));
}

/** Every slot the expert offers, soonest first, past ones included. */
export function offeredSlots(expert: ScheduleSource): ScheduledSlot[] {
  const slots: ScheduledSlot[] = [];
  for (const day of expert.availability) {
    for (const timeSlot of day.timeSlots) {
      slots.push({
        date: day.date,
        timeSlot,
        startsAt: startOf(day.date, timeSlot, expert.timezone),
      });
    }
  }
  return slots.sort(
    (a, b) =>
      a.startsAt - b.startsAt ||
      a.date.localeCompare(b.date) ||
      a.timeSlot.localeCompare(b.timeSlot),
  );
}

export function isOffered(expert: ScheduleSource, date: string, timeSlot: string): boolean {
  return expert.availability.some((day) => day.date === date && day.timeSlots.includes(timeSlot));
}

/** The first slot that has not started yet, by binary search over a soonest-first list. */
export function firstComing(slots: readonly ScheduledSlot[], now: number): number {
  let low = 0;
  let high = slots.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (slots[middle]!.startsAt <= now) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The local months (`YYYY-MM`) of the slots that have not started yet: what bookings to read. */
export function comingMonths(slots: readonly ScheduledSlot[], now: number): string[] {
  const months = new Set<string>();
  for (let i = firstComing(slots, now); i < slots.length; i++) months.add(monthOf(slots[i]!.date));
  return [...months].sort();
}

export function slotKey(date: string, timeSlot: string): string {
  return `${date} ${timeSlot}`;
}
