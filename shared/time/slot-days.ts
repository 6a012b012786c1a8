import type { Slot } from '../schemas/expert';

/** One of the expert's days (in the expert's zone) with its slots, oldest first. */
export interface SlotDay {
  date: string;
  slots: Slot[];
  /** How many of them can still be booked. */
  free: number;
}

/** Slots arrive oldest first; this keeps that order and starts a new day at each date. */
export function groupSlotsByDay(slots: readonly Slot[]): SlotDay[] {
  const days: SlotDay[] = [];
  for (const slot of slots) {
    let day = days.at(-1);
    if (day?.date !== slot.date) {
      day = { date: slot.date, slots: [], free: 0 };
      days.push(day);
    }
    day.slots.push(slot);
    if (slot.available) day.free += 1;
  }
  return days;
}

/**
 * The day to show: the first of the wanted days that the expert offers (full or not), else the
 * first day with a free slot, else the first day (all full: the person still sees why), else none.
 */
export function chooseDay(
  days: readonly SlotDay[],
  ...wanted: (string | null | undefined)[]
): string | undefined {
  const offered = wanted.find((date) => date && days.some((day) => day.date === date));
  return offered ?? (days.find((day) => day.free > 0) ?? days[0])?.date;
}
