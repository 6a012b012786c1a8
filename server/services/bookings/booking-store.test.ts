import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';

import { ACTIVE, BookingModel, MAX_MANAGE_TOKENS } from '../../../models';
import { useEmptiedTestDatabase } from '../../../test/support/database';
import { olderBooking } from '../../../test/support/older-booking';
import { addManageTokenHash, findBooking, writeChange } from './booking-store';

await useEmptiedTestDatabase();

const hashes = (count: number) => Array.from({ length: count }, (_, index) => `hash-${index}`);

async function storedBooking(fields: Record<string, unknown> = { manageTokenHashes: [] }) {
  const booking = olderBooking({
    expertId: new Types.ObjectId(),
    date: '2030-01-07',
    timeSlot: '09:00-10:00',
  });
  const { insertedId } = await BookingModel.collection.insertOne({
    ...booking,
    activeKey: ACTIVE,
    history: [],
    ...fields,
  });
  return insertedId;
}

async function storedHashes(id: Types.ObjectId) {
  return (await BookingModel.findById(id, { manageTokenHashes: 1 }).lean())?.manageTokenHashes;
}

describe('the manage token hashes of a booking', () => {
  it('keep the newest ten after thirteen additions, oldest first', async () => {
    const id = await storedBooking();
    for (const hash of hashes(13)) await addManageTokenHash(id, hash);

    expect(MAX_MANAGE_TOKENS).toBe(10);
    expect(await storedHashes(id)).toEqual(hashes(13).slice(-10));
  });

  it('stay capped when thirteen additions race, and lose none of the ten kept', async () => {
    const id = await storedBooking({ manageTokenHashes: hashes(3) });
    const added = hashes(16).slice(3);
    await Promise.all(added.map((hash) => addManageTokenHash(id, hash)));

    const stored = await storedHashes(id);
    expect(stored).toHaveLength(MAX_MANAGE_TOKENS);
    expect(new Set(stored).size).toBe(MAX_MANAGE_TOKENS);
    // Every addition went in once, so the older three went first, whatever the order.
    for (const hash of stored ?? []) expect(added).toContain(hash);
  });

  it('and a change of the booking written at the same time both stay', async () => {
    const id = await storedBooking();
    const current = await findBooking(id);
    const slot = { date: '2030-01-07', timeSlot: '09:00-10:00' };
    const entry = {
      at: new Date(),
      by: 'admin',
      from: { status: 'Pending', ...slot },
      to: { status: 'Confirmed', ...slot },
    };
    const [written] = await Promise.all([
      (async () => {
        for (;;) {
          const changed = await writeChange(current!, {
            $set: { status: 'Confirmed' },
            $push: { history: entry },
          });
          if (changed) return changed;
        }
      })(),
      ...hashes(5).map((hash) => addManageTokenHash(id, hash)),
    ]);

    expect(written.status).toBe('Confirmed');
    const stored = await BookingModel.findById(id).lean();
    expect(stored?.status).toBe('Confirmed');
    expect(stored?.history).toHaveLength(1);
    expect([...(stored?.manageTokenHashes ?? [])].sort()).toEqual(hashes(5));
  });

  it('start a list on a booking stored before it had one', async () => {
    const id = await storedBooking({});
    await addManageTokenHash(id, 'first');

    expect(await storedHashes(id)).toEqual(['first']);
  });

  it('leave a booking that is gone alone', async () => {
    await expect(addManageTokenHash(new Types.ObjectId(), 'lost')).resolves.toBeUndefined();
  });
});
