import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';

import { TimeHoldModel, WRITE_BATCH_SIZE } from '../../../models';
import { useEmptiedTestDatabase } from '../../../test/support/database';
import { HoldChange, releaseHolds, timeHoldIds, tryClaimHolds } from './hold-store';

await useEmptiedTestDatabase();

const MINUTE = 60_000;
const expertId = new Types.ObjectId();
const from = Date.UTC(2030, 0, 7, 9);
/** A session of two hours with buffers of half an hour each side: 36 five-minute blocks. */
const longSpan = { from: from - 30 * MINUTE, until: from + 150 * MINUTE };

async function holderOf(ids: readonly string[]) {
  const holds = await TimeHoldModel.find({ expertId }, { bookingId: 1 }).lean();
  const byId = new Map(holds.map((hold) => [hold._id, hold.bookingId.toString()]));
  return ids.map((id) => byId.get(id));
}

describe('a claim of more blocks than one write command carries', () => {
  const ids = timeHoldIds(expertId.toString(), longSpan);

  it('holds every block of a long session', async () => {
    expect(ids.length).toBeGreaterThan(2 * WRITE_BATCH_SIZE);
    const booking = new Types.ObjectId();

    expect(await tryClaimHolds(expertId, booking, ids)).toBeUndefined();
    expect(await holderOf(ids)).toEqual(ids.map(() => booking.toString()));
  });

  it('stops at the first block another booking holds, in a later command, and names it', async () => {
    const other = new Types.ObjectId();
    const taken = WRITE_BATCH_SIZE + 5;
    expect(await tryClaimHolds(expertId, other, [ids[taken]!])).toBeUndefined();
    const booking = new Types.ObjectId();

    expect(await tryClaimHolds(expertId, booking, ids)).toEqual({ refused: ids[taken] });
    const holders = await holderOf(ids);
    expect(holders.slice(0, taken)).toEqual(ids.slice(0, taken).map(() => booking.toString()));
    expect(holders[taken]).toBe(other.toString());
    expect(holders.slice(taken + 1)).toEqual(ids.slice(taken + 1).map(() => undefined));

    // The caller releases what it asked for; the other booking's block stays its own.
    await releaseHolds(booking, ids);
    expect(await holderOf(ids)).toEqual(
      ids.map((_id, index) => (index === taken ? other.toString() : undefined)),
    );
  });

  it('marks a change with its first command, and a second change of the booking is refused', async () => {
    const booking = new Types.ObjectId();
    const first = new HoldChange(expertId, booking, { exclusive: true });
    expect(await first.claim(ids)).toBeUndefined();

    const second = new HoldChange(expertId, booking, { exclusive: true });
    await expect(second.claim(ids)).rejects.toThrow(/under way/);
    await first.end();
    expect(await TimeHoldModel.countDocuments({ bookingId: booking })).toBe(ids.length);
  });
});
