import { setTimeout as sleep } from 'node:timers/promises';

import type { Types, UpdateQuery } from 'mongoose';

import {
  ACTIVE,
  BookingChangeClaimModel,
  BookingModel,
  MAX_MANAGE_TOKENS,
  takeClaim,
} from '../../../models';
import type { StoredBooking } from '../booking-view';

/**
 * The bookings as stored: the only module of the service that reads or writes the booking
 * models (the holds have theirs, hold-store.ts). Reads are shaped as top-level equalities, what
 * FerretDB pushes down to SQL.
 */

/** How long a change waits before reading again when another change from the same state runs. */
export const CLAIM_WAIT_MS = 25;
/** A claim this old was left by a process that died between claiming and writing. */
const STALE_CLAIM_MS = 10_000;

export function findBooking(id: string | Types.ObjectId): Promise<StoredBooking | null> {
  return BookingModel.findById(id).lean();
}

/** The booking an email's attempt (its idempotency key) made, if any. */
export function findAttempt(email: string, idempotencyKey: string): Promise<StoredBooking | null> {
  return BookingModel.findOne({ email, idempotencyKey }).lean();
}

/** Every booking of one email, in no order (FerretDB cannot sort: the callers do). */
export function bookingsOf(email: string): Promise<StoredBooking[]> {
  return BookingModel.find({ email }).lean();
}

/**
 * The manage token hashes of one email's bookings, and nothing else: checking a token against an
 * address reads as little as can be, so the time taken says little about how many it has.
 */
export async function manageTokenHashesOf(email: string): Promise<string[][]> {
  const bookings = await BookingModel.find({ email }, { _id: 0, manageTokenHashes: 1 }).lean();
  return bookings.map((booking) => booking.manageTokenHashes);
}

export async function insertBooking(fields: Record<string, unknown>): Promise<StoredBooking> {
  return (await BookingModel.create(fields)).toObject() as StoredBooking;
}

/**
 * Adds a manage token's hash; the oldest go beyond the cap. FerretDB ignores `$slice` in `$push`,
 * and writes an update as a read and then the whole document (models/query-shapes.ts), so a
 * racing change of the booking could undo this one or be undone by it: see writeBesideChanges.
 */
export async function addManageTokenHash(id: Types.ObjectId, hash: string): Promise<void> {
  await writeBesideChanges(id, (booking) => ({
    $set: {
      manageTokenHashes: [...(booking.manageTokenHashes ?? []), hash].slice(-MAX_MANAGE_TOKENS),
    },
  }));
}

/**
 * Writes what `build` makes of the booking as it now is, between its changes rather than racing
 * them: it takes the booking's current revision claim, as a change does, reads the booking under
 * it, writes, and gives the claim back (the revision has not moved, and the next change needs
 * it). `build` answers undefined to write nothing. For bookkeeping beside the booking's life:
 * token hashes, reminder statuses.
 */
export async function writeBesideChanges(
  id: Types.ObjectId,
  build: (booking: StoredBooking) => UpdateQuery<StoredBooking> | undefined,
): Promise<void> {
  for (;;) {
    const revision = await BookingModel.findById(id, { history: 1 }).lean();
    if (!revision) return;
    const claimId = `${id.toString()}#${revision.history.length}`;
    if (!(await claimRevision(claimId))) {
      await sleep(CLAIM_WAIT_MS);
      continue;
    }
    try {
      const booking = await findBooking(id);
      if (!booking) return;
      const update = build(booking);
      if (update) await BookingModel.updateOne({ _id: id }, update);
      return;
    } finally {
      await BookingChangeClaimModel.deleteOne({ _id: claimId });
    }
  }
}

/**
 * The bookings with a reminder due in `minute` (`YYYY-MM-DDTHH:mm`, UTC): one equality per kind
 * of reminder, each pushed down to SQL, rather than an `$or` FerretDB would run in memory.
 */
export async function bookingsToRemindIn(minute: string): Promise<StoredBooking[]> {
  const [dayBefore, hourBefore] = await Promise.all([
    BookingModel.find({ reminder24hMinute: minute }).lean(),
    BookingModel.find({ reminder1hMinute: minute }).lean(),
  ]);
  const seen = new Set(dayBefore.map((booking) => booking._id.toString()));
  return [...dayBefore, ...hourBefore.filter((booking) => !seen.has(booking._id.toString()))];
}

/** One expert's bookings of one local month, in no order. */
export function bookingsOfExpertIn(
  expertId: Types.ObjectId,
  month: string,
): Promise<StoredBooking[]> {
  return BookingModel.find({ expertId, month }).lean();
}

/**
 * Matches the booking only as it was read: same status, same slot, still active. A change that
 * committed in between makes the write match nothing, and the caller starts again from a fresh
 * read instead of overwriting it.
 */
function asRead(booking: StoredBooking) {
  return {
    _id: booking._id,
    status: booking.status,
    date: booking.date,
    timeSlot: booking.timeSlot,
    activeKey: ACTIVE,
  };
}

/** Claims the right to change the booking from the revision read; false when another has it. */
function claimRevision(claimId: string): Promise<boolean> {
  return takeClaim(BookingChangeClaimModel, claimId, STALE_CLAIM_MS);
}

/**
 * Writes one change to the booking as it was read, or answers null when it has moved on (or
 * another change from the same state is being written): the caller reads again and decides
 * afresh. The claim makes racing changes take turns on FerretDB too (see BookingChangeClaim).
 */
export async function writeChange(
  current: StoredBooking,
  update: Parameters<typeof BookingModel.findOneAndUpdate>[1],
): Promise<StoredBooking | null> {
  const claimId = `${current._id.toString()}#${current.history.length}`;
  if (!(await claimRevision(claimId))) {
    await sleep(CLAIM_WAIT_MS);
    return null;
  }
  let updated: StoredBooking | null;
  try {
    updated = await BookingModel.findOneAndUpdate(asRead(current), update, { new: true }).lean();
  } catch (error) {
    await BookingChangeClaimModel.deleteOne({ _id: claimId });
    throw error;
  }
  if (!updated) await BookingChangeClaimModel.deleteOne({ _id: claimId });
  return updated;
}
