import type { Types } from 'mongoose';

import { BookingModel, type BookingDocument } from './booking';
import { bulkWriteInChunks } from './chunked-writes';

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
  const { modifiedCount } = await bulkWriteInChunks(
    BookingModel,
    missing.map((booking) => ({
      updateOne: {
        filter: { _id: booking._id, [field]: { $exists: false } },
        update: { $set: { [field]: valueOf(booking) } },
      },
    })),
    { ordered: false },
  );
  return modifiedCount;
}
