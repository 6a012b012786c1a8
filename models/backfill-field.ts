import type { Types } from 'mongoose';

import { BookingModel, type BookingDocument } from './booking';

/**
 * Bookings written per round trip while backfilling. FerretDB 1.24 takes a PostgreSQL connection
 * per statement of a write command and wedges on more than its pool: keep every command small.
 */
export const WRITE_BATCH_SIZE = 16;

type BookingField = 'month' | 'activeKey';

/**
 * Gives every booking stored before `field` existed its value, worked out from the fields it
 * reads. Idempotent: only bookings without the field are touched, each update conditional on it
 * still missing. Returns how many bookings it changed.
 */
export async function backfillBookingField<Read extends keyof BookingDocument>(
  field: BookingField,
  reads: readonly Read[],
  valueOf: (booking: Pick<BookingDocument, Read> & { _id: Types.ObjectId }) => string,
): Promise<number> {
  const projection = Object.fromEntries(reads.map((name) => [name, 1]));
  const missing = await BookingModel.find({ [field]: { $exists: false } }, projection).lean<
    (Pick<BookingDocument, Read> & { _id: Types.ObjectId })[]
  >();
  let changed = 0;
  for (let start = 0; start < missing.length; start += WRITE_BATCH_SIZE) {
    const batch = missing.slice(start, start + WRITE_BATCH_SIZE);
    const result = await BookingModel.bulkWrite(
      batch.map((booking) => ({
        updateOne: {
          filter: { _id: booking._id, [field]: { $exists: false } },
          update: { $set: { [field]: valueOf(booking) } },
        },
      })),
      { ordered: false },
    );
    changed += result.modifiedCount;
  }
  return changed;
}
