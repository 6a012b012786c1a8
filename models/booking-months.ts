import { BookingModel, monthOf } from './booking';

/** Bookings written per round trip while backfilling. */
const BATCH_SIZE = 500;

/**
 * Gives every booking stored before `month` existed its month, so the `{ expertId, month }` reads
 * find it. Idempotent: it only touches bookings without a month, and each update is conditional
 * on the month still missing. Returns how many bookings it changed.
 */
export async function backfillBookingMonths(): Promise<number> {
  const missing = await BookingModel.find({ month: { $exists: false } }, { date: 1 }).lean();
  let changed = 0;
  for (let start = 0; start < missing.length; start += BATCH_SIZE) {
    const batch = missing.slice(start, start + BATCH_SIZE);
    const result = await BookingModel.bulkWrite(
      batch.map((booking) => ({
        updateOne: {
          filter: { _id: booking._id, month: { $exists: false } },
          update: { $set: { month: monthOf(booking.date) } },
        },
      })),
      { ordered: false },
    );
    changed += result.modifiedCount;
  }
  return changed;
}
