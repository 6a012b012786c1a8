import { createHash } from 'node:crypto';

import { Types } from 'mongoose';

import {
  bulkWriteInChunks,
  insertInChunks,
  isDuplicateKeyError,
  TimeHoldModel,
  writeBatcher,
  writeErrorIndex,
} from '../../../models';
import { blocksOf, type Span } from './intervals';

/**
 * The holds of bookings on their experts' time (models/time-hold.ts): the only module that
 * writes them, through models/chunked-writes.ts (at most WRITE_BATCH_SIZE statements a command).
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

/** Every hold id a booking in this state should have (an attempt's mark is not needed once made). */
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

/** A claim refused: `refused` is the id another booking holds, when the server said which. */
export interface Refusal {
  refused?: string;
}

/**
 * Claims every id for the booking, in order, stopping at the first one held by another:
 * undefined when all are now the booking's, else the refusal. Those before the refused one may be
 * the booking's now (a long span goes in several commands, each ordered, the next sent only
 * when the one before went in whole); the caller releases what it asked for.
 */
export async function tryClaimHolds(
  expertId: Id,
  bookingId: Id,
  ids: readonly string[],
  markId?: string,
): Promise<Refusal | undefined> {
  try {
    await insertInChunks(
      TimeHoldModel,
      ids.map((_id) => ({
        _id,
        expertId,
        bookingId,
        createdAt: new Date(),
        ...(_id === markId ? { mark: true } : {}),
      })),
      { ordered: true, lean: true },
    );
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    const index = writeErrorIndex(error);
    return { refused: index === undefined ? undefined : ids[index] };
  }
  return undefined;
}

/** Like tryClaimHolds: true when every id is now the booking's. */
export async function claimHolds(
  expertId: Id,
  bookingId: Id,
  ids: readonly string[],
): Promise<boolean> {
  return (await tryClaimHolds(expertId, bookingId, ids)) === undefined;
}

/** Releases those of `ids` the booking holds; another booking's hold is never touched. */
export async function releaseHolds(bookingId: Id, ids: readonly string[]): Promise<void> {
  await bulkWriteInChunks(
    TimeHoldModel,
    ids.map((_id) => ({ deleteOne: { filter: { _id, bookingId } } })),
    { ordered: false },
  );
}

/**
 * Removes a change's mark once the change is done. Marks of changes that end at about the same
 * time (many bookings at once) go in one command.
 */
const releaseMark = writeBatcher<string>({
  one: async (markId) => {
    await TimeHoldModel.deleteOne({ _id: markId });
  },
  many: async (markIds) => {
    await bulkWriteInChunks(
      TimeHoldModel,
      markIds.map((_id) => ({ deleteOne: { filter: { _id } } })),
      { ordered: true },
    );
  },
});

/** Releases every hold of the booking. */
export async function releaseAllHolds(bookingId: Id): Promise<void> {
  await TimeHoldModel.deleteMany({ bookingId });
}

export async function heldIdsOf(bookingId: Id): Promise<string[]> {
  const holds = await TimeHoldModel.find({ bookingId }, { _id: 1, mark: 1 }).lean();
  return holds.filter((hold) => !hold.mark).map((hold) => hold._id);
}

/** The booking that holds `id`, if any. */
export async function holderOf(id: string): Promise<Id | undefined> {
  const hold = await TimeHoldModel.findById(id, { bookingId: 1 }).lean();
  return hold?.bookingId;
}

/** Another change of the booking is under way: read the booking again and start over. */
export class HoldChangeBusy extends Error {
  constructor() {
    super('Another change of this booking is under way.');
  }
}

/**
 * One change of a booking's holds. While it runs it is marked by a hold of its own (`c:…`, with
 * `mark: true`) that goes in with its first claim, in the same write; the mark goes when the
 * change is done. A mark left behind means the change was cut short (its process died, or the
 * database failed half-way), and the hold sweep makes the booking's holds match the booking.
 */
export class HoldChange {
  private readonly markId: string;
  private marked = false;

  /**
   * `exclusive`: one change of this booking at a time. Its mark is then named after the booking,
   * so a second change cannot begin while the first runs (it would take the first one's holds
   * for its own, and release them). A new booking's change needs no such mark.
   */
  constructor(
    readonly expertId: Id,
    readonly bookingId: Id,
    { exclusive = false }: { exclusive?: boolean } = {},
  ) {
    this.markId = `c:${exclusive ? bookingId.toString() : new Types.ObjectId().toString()}`;
  }

  /**
   * Claims `ids` in order (after the mark, the first time): undefined when all are the
   * booking's, else the refusal. Throws HoldChangeBusy when another change holds the mark.
   */
  async claim(ids: readonly string[]): Promise<Refusal | undefined> {
    const first = !this.marked;
    const withMark = first ? [this.markId, ...ids] : ids;
    this.marked = true;
    const refusal = await tryClaimHolds(this.expertId, this.bookingId, withMark, this.markId);
    if (first && refusal?.refused === this.markId) {
      this.marked = false;
      throw new HoldChangeBusy();
    }
    return refusal;
  }

  /** Marks the change before a write that claims nothing (a cancel). */
  async begin(): Promise<void> {
    await this.claim([]);
  }

  /**
   * Claims the first free seat from `first` to `limit` on a local day, or answers undefined when
   * all are held.
   */
  async claimDaySeat(date: string, limit: number, first = 1): Promise<string | undefined> {
    for (let seat = first; seat <= limit; seat++) {
      const id = daySeatId(this.expertId.toString(), date, seat);
      if (!(await this.claim([id]))) return id;
    }
    return undefined;
  }

  release(ids: readonly string[]): Promise<void> {
    return releaseHolds(this.bookingId, ids);
  }

  /** Releases every hold of the booking, the mark with them: the change is then done. */
  async releaseAll(): Promise<void> {
    await releaseAllHolds(this.bookingId);
    this.marked = false;
  }

  async end(): Promise<void> {
    if (!this.marked) return;
    await releaseMark(this.markId);
    this.marked = false;
  }
}
