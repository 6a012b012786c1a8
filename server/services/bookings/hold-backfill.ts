import type { Types } from 'mongoose';

import { minutesOfDay } from '../../../shared/schemas/availability';
import { BookingModel, bulkWriteInChunks } from '../../../models';
import type { Logger } from '../../logger';
import { claimHolds, holderOf, timeHoldIds } from './hold-store';
import { heldSpan } from './intervals';
import { CHANGEABLE } from './rules';

const MINUTE = 60_000;

interface Unheld {
  _id: Types.ObjectId;
  expertId: Types.ObjectId;
  status: string;
  timeSlot: string;
  startsAt: Date;
  createdAt: Date;
}

/** A label's length: `09:30-10:15` → 45 minutes (bookings never cross local midnight). */
function labelMinutes(timeSlot: string): number {
  const [start = '', end = ''] = timeSlot.split('-');
  return minutesOfDay(end) - minutesOfDay(start);
}

/**
 * Gives every booking stored before time was held its `endsAt` and held span (no buffers existed
 * then), and claims the holds of those still active and to come, oldest booking first. A booking
 * whose time another already holds keeps what it could claim and is flagged with
 * `overlapsBookingId` and logged: two clients were promised the same time, and people must decide,
 * so nothing is deleted. Past bookings need no holds: nobody can book the past. Idempotent.
 */
export async function backfillBookingHolds({
  now,
  logger,
}: {
  now: Date;
  logger: Logger;
}): Promise<{ updated: number; overlapping: number }> {
  const missing = await BookingModel.find(
    { heldFrom: { $exists: false } },
    { expertId: 1, status: 1, timeSlot: 1, startsAt: 1, createdAt: 1 },
  ).lean<Unheld[]>();
  missing.sort(
    (a, b) =>
      a.createdAt.getTime() - b.createdAt.getTime() ||
      a._id.toString().localeCompare(b._id.toString()),
  );
  let overlapping = 0;
  const updates: { _id: Types.ObjectId; set: Record<string, unknown> }[] = [];
  for (const booking of missing) {
    const endsAt = new Date(booking.startsAt.getTime() + labelMinutes(booking.timeSlot) * MINUTE);
    const span = heldSpan(booking.startsAt, endsAt, {
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 0,
    });
    const set: Record<string, unknown> = {
      endsAt,
      heldFrom: new Date(span.from),
      heldUntil: new Date(span.until),
    };
    if (CHANGEABLE.includes(booking.status) && span.until > now.getTime()) {
      const ids = timeHoldIds(booking.expertId.toString(), span);
      if (!(await claimHolds(booking.expertId, booking._id, ids))) {
        const other = await claimEachOrFindOwner(booking, ids);
        if (other) {
          set.overlapsBookingId = other;
          overlapping += 1;
          logger.warn(
            { bookingId: booking._id.toString(), overlapsBookingId: other.toString() },
            'a booking shares time with an older one; both are kept and flagged in the console',
          );
        }
      }
    }
    updates.push({ _id: booking._id, set });
  }
  await bulkWriteInChunks(
    BookingModel,
    updates.map(({ _id, set }) => ({
      updateOne: { filter: { _id, heldFrom: { $exists: false } }, update: { $set: set } },
    })),
    { ordered: false },
  );
  return { updated: updates.length, overlapping };
}

/** Claims each id the booking can; answers the booking that holds one it cannot, if any. */
async function claimEachOrFindOwner(
  booking: Unheld,
  ids: readonly string[],
): Promise<Types.ObjectId | undefined> {
  let owner: Types.ObjectId | undefined;
  for (const id of ids) {
    if (await claimHolds(booking.expertId, booking._id, [id])) continue;
    const holder = await holderOf(id);
    if (holder && !holder.equals(booking._id)) owner ??= holder;
  }
  return owner;
}
