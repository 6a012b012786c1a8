import { backfillBookingField } from './backfill-field';
import { monthOf } from './booking';

/**
 * Gives every booking stored before `month` existed its month, so the `{ expertId, month }` reads
 * find it. Returns how many bookings it changed.
 */
export function backfillBookingMonths(): Promise<number> {
  return backfillBookingField('month', ['date'], (booking) => monthOf(booking.date));
}
