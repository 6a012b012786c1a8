import { BookingModel, TimeHoldModel } from '../../../models';
import type { Logger } from '../../logger';
import { runEvery } from '../run-every';
import type { StoredBooking } from '../booking-view';
import { claimHolds, holdIdsOf, releaseHolds } from './hold-store';
import { CHANGEABLE } from './rules';

/**
 * Settles the hold changes that never finished (their process died, or the database failed
 * half-way): each booking's holds are made to match the booking as stored. An active booking
 * keeps exactly the holds of its time and day seat (and gets back any it lacks); any other hold
 * of it is released. A change younger than `olderThanMs` may still be running, so it is left.
 */

export const HOLD_SWEEP = {
  /** Longer than any request may run (REQUEST_TIMEOUT_MS) with room to spare. */
  olderThanMs: 30_000,
  everyMs: 10_000,
} as const;

export async function sweepHoldChanges({
  olderThanMs = HOLD_SWEEP.olderThanMs,
  logger,
}: {
  olderThanMs?: number;
  logger: Logger;
}): Promise<number> {
  const cutoff = Date.now() - olderThanMs;
  // Only unfinished changes are marked (a handful at most), read by `{ mark: true }` equality.
  const changes = await TimeHoldModel.find({ mark: true }).lean();
  const isOld = (doc: { createdAt: Date }) => doc.createdAt.getTime() <= cutoff;
  // A booking with a change still running is left until that change is done.
  const busy = new Set(
    changes.filter((change) => !isOld(change)).map((change) => change.bookingId.toString()),
  );
  const stale = changes.filter((change) => isOld(change) && !busy.has(change.bookingId.toString()));
  for (const change of stale) {
    const booking = await BookingModel.findById(change.bookingId).lean<StoredBooking | null>();
    const holds = (await TimeHoldModel.find({ bookingId: change.bookingId }).lean()).filter(
      (hold) => !hold.mark,
    );
    const held = holds.map((hold) => hold._id);
    const active = booking !== null && CHANGEABLE.includes(booking.status) && booking.heldFrom;
    const wanted = active ? holdIdsOf(booking) : [];
    const keep = new Set(wanted);
    // Only holds as old as the change itself: a hold claimed a moment ago belongs to a change
    // that may still be running.
    const extra = holds
      .filter((hold) => !keep.has(hold._id) && isOld(hold))
      .map((hold) => hold._id);
    await releaseHolds(change.bookingId, extra);
    const have = new Set(held);
    const missing = wanted.filter((id) => !have.has(id));
    if (booking && missing.length > 0) {
      // The booking was written but some of its holds were not (or were released too early):
      // take them back, one by one so one held elsewhere does not stop the rest.
      for (const id of missing) {
        if (!(await claimHolds(booking.expertId, booking._id, [id]))) {
          logger.error(
            { bookingId: booking._id.toString(), hold: id },
            'hold sweep: an active booking shares time with another booking',
          );
        }
      }
    }
    if (extra.length > 0 || missing.length > 0) {
      logger.warn(
        {
          bookingId: change.bookingId.toString(),
          released: extra.length,
          restored: missing.length,
        },
        'hold sweep settled an unfinished change',
      );
    }
    await TimeHoldModel.deleteOne({ _id: change._id });
  }
  return stale.length;
}

/** Runs the sweep every `everyMs` until stopped; one run at a time, failures logged. */
export function startHoldSweep({
  everyMs = HOLD_SWEEP.everyMs,
  olderThanMs = HOLD_SWEEP.olderThanMs,
  logger,
}: {
  everyMs?: number;
  olderThanMs?: number;
  logger: Logger;
}): { stop(): Promise<void> } {
  return runEvery(everyMs, () =>
    sweepHoldChanges({ olderThanMs, logger }).catch((error: unknown) =>
      logger.error({ err: error }, 'hold sweep failed'),
    ),
  );
}
