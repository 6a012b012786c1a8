import { ACTIVE, BookingModel, RETIRED_SLOT_INDEX } from './booking';

/** Bookings written per round trip while backfilling. */
const BATCH_SIZE = 500;

/**
 * Gives every booking stored before `activeKey` existed its key: `active`, or its own id if it
 * was already cancelled. Runs before the new unique index is built, so that index never sees a
 * missing key. Idempotent: only bookings without the field are touched, each conditionally.
 * Returns how many bookings it changed.
 */
export async function backfillActiveKeys(): Promise<number> {
  const missing = await BookingModel.find({ activeKey: { $exists: false } }, { status: 1 }).lean();
  let changed = 0;
  for (let start = 0; start < missing.length; start += BATCH_SIZE) {
    const batch = missing.slice(start, start + BATCH_SIZE);
    const result = await BookingModel.bulkWrite(
      batch.map((booking) => ({
        updateOne: {
          filter: { _id: booking._id, activeKey: { $exists: false } },
          update: {
            $set: {
              activeKey: booking.status === 'Cancelled' ? booking._id.toString() : ACTIVE,
            },
          },
        },
      })),
      { ordered: false },
    );
    changed += result.modifiedCount;
  }
  return changed;
}

/**
 * Drops the three-field slot index the active-key index replaced, once the new one is built (so
 * the rule is guarded throughout). Returns whether there was one to drop.
 */
export async function dropRetiredSlotIndex(): Promise<boolean> {
  const indexes = await BookingModel.collection.indexes();
  if (!indexes.some((index) => index.name === RETIRED_SLOT_INDEX)) return false;
  await BookingModel.collection.dropIndex(RETIRED_SLOT_INDEX);
  return true;
}
