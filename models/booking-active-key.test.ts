import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';

import { useEmptiedTestDatabase } from '../test/support/database';
import { olderBooking as storedBefore } from '../test/support/older-booking';
import { ACTIVE, BookingModel, ensureIndexes, isDuplicateKeyError } from './index';

await useEmptiedTestDatabase();

const expertId = new mongoose.Types.ObjectId();

/** A booking as the app stored it before cancellations: no `activeKey`. */
function olderBooking(timeSlot: string, status = 'Pending') {
  return {
    ...storedBefore({ expertId, date: '2030-03-05', timeSlot, status }),
    month: '2030-03',
  };
}

async function indexKeys(): Promise<Record<string, Record<string, unknown>>> {
  const indexes = await BookingModel.collection.indexes();
  return Object.fromEntries(indexes.map((index) => [index.name, index.key]));
}

describe('the active-slot key migration', () => {
  it('keys older bookings, replaces the three-field index, and changes nothing on a second run', async () => {
    // The database as the previous version left it: its index, and bookings without a key.
    await BookingModel.collection.dropIndex('one_active_booking_per_slot');
    await BookingModel.collection.createIndex(
      { expertId: 1, date: 1, timeSlot: 1 },
      { unique: true, name: 'one_booking_per_slot' },
    );
    const { insertedIds } = await BookingModel.collection.insertMany([
      olderBooking('09:00-10:00'),
      olderBooking('10:00-11:00', 'Cancelled'),
    ]);

    await ensureIndexes();

    const keys = await indexKeys();
    expect(keys).not.toHaveProperty('one_booking_per_slot');
    expect(keys.one_active_booking_per_slot).toEqual({
      expertId: 1,
      date: 1,
      timeSlot: 1,
      activeKey: 1,
    });
    const stored = await BookingModel.find({}, { activeKey: 1 }).sort({ _id: 1 }).lean();
    expect(stored.map((booking) => booking.activeKey)).toEqual([
      ACTIVE,
      insertedIds[1]!.toString(),
    ]);

    await ensureIndexes();
    expect(await indexKeys()).toEqual(keys);
    expect(await BookingModel.find({}, { activeKey: 1 }).sort({ _id: 1 }).lean()).toEqual(stored);
  });

  it('lets a cancelled booking and a new active one share a slot, never two active ones', async () => {
    const cancelled = new mongoose.Types.ObjectId();
    await BookingModel.create({
      ...olderBooking('09:00-10:00', 'Cancelled'),
      _id: cancelled,
      activeKey: cancelled.toString(),
    });
    await BookingModel.create(olderBooking('09:00-10:00'));

    const error = await BookingModel.create(olderBooking('09:00-10:00')).then(
      () => undefined,
      (caught: unknown) => caught,
    );

    expect(isDuplicateKeyError(error)).toBe(true);
    expect(await BookingModel.countDocuments()).toBe(2);
  });
});
