import { createHash } from 'node:crypto';

import type { Types } from 'mongoose';

import {
  HoldChangeModel,
  isDuplicateKeyError,
  TimeHoldModel,
  WRITE_BATCH_SIZE,
} from '../../../models';
import { blocksOf, type Span } from './intervals';

/**
 * The holds of bookings on their experts' time (models/time-hold.ts): the only module that
 * writes them. Each write command carries at most WRITE_BATCH_SIZE statements.
 */

type Id = Types.ObjectId;

export function timeHoldIds(expertId: string, span: Span): string[] {
  return blocksOf(span).map((block) => `t:${expertId}:${block}`);
}

export function daySeatId(expertId: string, date: string, seat: number): string {
  return `d:${expertId}:${date}:${seat}`;
}

/**
 * The mark of one booking attempt (an email's idempotency key), hashed so that no address is
 * kept in an id: repeats of an attempt racing each other meet on it before they claim any time.
 */
export function attemptHoldId(email: string, idempotencyKey: string): string {
  return `a:${createHash('sha256').update(`${email}\n${idempotencyKey}`).digest('hex')}`;
}

/** Every hold id a booking in this state should have (an attempt mark is not needed once made). */
export function holdIdsOf(booking: {
  expertId: Id;
  heldFrom: Date;
  heldUntil: Date;
  daySeat?: string | null;
}): string[] {
  const span = { from: booking.heldFrom.getTime(), until: booking.heldUntil.getTime() };
  const ids = timeHoldIds(booking.expertId.toString(), span);
  if (booking.daySeat) ids.push(booking.daySeat);
  return ids;
}

function chunks<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += WRITE_BATCH_SIZE) {
    result.push(items.slice(start, start + WRITE_BATCH_SIZE));
  }
  return result;
}

/** Marks a change of the booking's holds as under way; see HoldChangeModel. */
export async function beginHoldChange(bookingId: Id): Promise<Id> {
  const change = await HoldChangeModel.create({ bookingId });
  return change._id;
}

export async function endHoldChange(changeId: Id): Promise<void> {
  await HoldChangeModel.deleteOne({ _id: changeId });
}

/**
 * Claims every id for the booking, in order, stopping at the first one held by another: true
 * when all are now the booking's. On false, some may be; the caller releases what it asked for.
 */
export async function claimHolds(
  expertId: Id,
  bookingId: Id,
  ids: readonly string[],
): Promise<boolean> {
  try {
    for (const batch of chunks(ids)) {
      await TimeHoldModel.insertMany(
        batch.map((_id) => ({ _id, expertId, bookingId, createdAt: new Date() })),
        { ordered: true, lean: true },
      );
    }
    return true;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}

/**
 * Claims the first free seat of `limit` on the expert's local day, or answers undefined when
 * every seat is held.
 */
export async function claimDaySeat(
  expertId: Id,
  bookingId: Id,
  date: string,
  limit: number,
): Promise<string | undefined> {
  for (let seat = 1; seat <= limit; seat++) {
    const id = daySeatId(expertId.toString(), date, seat);
    if (await claimHolds(expertId, bookingId, [id])) return id;
  }
  return undefined;
}

/** Releases those of `ids` the booking holds; another booking's hold is never touched. */
export async function releaseHolds(bookingId: Id, ids: readonly string[]): Promise<void> {
  for (const batch of chunks(ids)) {
    await TimeHoldModel.bulkWrite(
      batch.map((_id) => ({ deleteOne: { filter: { _id, bookingId } } })),
      { ordered: false },
    );
  }
}

/** Releases every hold of the booking. */
export async function releaseAllHolds(bookingId: Id): Promise<void> {
  await TimeHoldModel.deleteMany({ bookingId });
}

export async function heldIdsOf(bookingId: Id): Promise<string[]> {
  const holds = await TimeHoldModel.find({ bookingId }, { _id: 1 }).lean();
  return holds.map((hold) => hold._id);
}
