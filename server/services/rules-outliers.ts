import { AVAILABILITY_LIMITS, type Availability } from '../../shared/schemas/availability';
import { ACTIVE, BookingModel } from '../../models';
import type { Types } from 'mongoose';
import { checkSlot } from './availability';
import { monthsToRead } from './slot-schedule';
import { addDays } from '../../shared/time/calendar-days';
import { ZoneClock } from './zone-time';

export interface BookedSlot {
  date: string;
  timeSlot: string;
}

/**
 * Whether the rules offer this booking's slot at the booking's own instant: after a change of
 * zone, the same label is another moment. The minimum notice counts only for new bookings.
 */
function offeredAt(
  rules: Availability,
  booking: BookedSlot & { startsAt: Date },
  now: Date,
): boolean {
  const check = checkSlot(rules, booking.date, booking.timeSlot, now);
  if ('startsAt' in check) return check.startsAt.getTime() === booking.startsAt.getTime();
  return check.problem === 'too_soon';
}

/**
 * Coming bookings that the rules no longer offer (other hours, a day off, a shorter horizon).
 * They stay booked, and taken, whatever the rules say: this only lets the editor show them. A
 * booking can lie as far ahead as the longest horizon ever allowed, so every month up to it is
 * read, each as one `{ expertId, month, activeKey }` equality read.
 */
export async function bookingsOutsideRules(
  expertId: Types.ObjectId,
  rules: Availability,
  now: Date,
): Promise<BookedSlot[]> {
  const today = new ZoneClock(rules.timezone).today(now);
  const lastDay = addDays(today, AVAILABILITY_LIMITS.maxHorizonDays);
  const months = monthsToRead({
    from: today,
    days: AVAILABILITY_LIMITS.maxHorizonDays + 1,
    today,
    lastDay,
  });
  const reads = months.map((month) =>
    BookingModel.find(
      { expertId, month, activeKey: ACTIVE },
      { date: 1, timeSlot: 1, startsAt: 1 },
    ).lean(),
  );
  const outside: BookedSlot[] = [];
  for (const bookings of await Promise.all(reads)) {
    for (const { date, timeSlot, startsAt } of bookings) {
      if (startsAt.getTime() <= now.getTime()) continue;
      if (!offeredAt(rules, { date, timeSlot, startsAt }, now)) outside.push({ date, timeSlot });
    }
  }
  return outside.sort((a, b) =>
    a.date === b.date ? a.timeSlot.localeCompare(b.timeSlot) : a.date.localeCompare(b.date),
  );
}
