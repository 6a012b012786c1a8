import { backfillBookingField } from './backfill-field';
import { ACTIVE, BookingModel, RETIRED_SLOT_INDEX } from './booking';

/**
 * Gives every booking stored before `activeKey` existed its key: `active`, or its own id if it
 * was already cancelled. Runs before the new unique index is built, so that index never sees a
 * missing key. Returns how many bookings it changed.
 */
export function backfillActiveKeys(): Promise<number> {
  return backfillBookingField('activeKey', ['status'], (booking) =>
    booking.status === 'Cancelled' ? booking._id.toString() : ACTIVE,
  );
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
