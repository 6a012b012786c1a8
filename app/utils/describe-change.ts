import type { BookingHistoryEntry } from '../../shared/schemas/booking-record';
import { formatDay, formatTimeSlot } from '../../shared/format';

/** A change in words: a move names both slots, anything else its two statuses. */
export function describeChange(entry: BookingHistoryEntry): string {
  const moved = entry.from.date !== entry.to.date || entry.from.timeSlot !== entry.to.timeSlot;
  if (moved) {
    return `Moved from ${formatDay(entry.from.date)}, ${formatTimeSlot(entry.from.timeSlot)} to ${formatDay(entry.to.date)}, ${formatTimeSlot(entry.to.timeSlot)}`;
  }
  return `${entry.from.status} → ${entry.to.status}`;
}
