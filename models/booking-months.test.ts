import mongoose from 'mongoose';

import { useEmptiedTestDatabase } from '../test/support/database';
import { olderBooking as storedBefore } from '../test/support/older-booking';
import { backfillBookingMonths, BookingModel } from './index';

await useEmptiedTestDatabase();

const expertId = new mongoose.Types.ObjectId();

/** A booking as the app stored it before bookings carried their month. */
function olderBooking(date: string, timeSlot = '09:00-10:00') {
  return storedBefore({ expertId, date, timeSlot });
}

describe('booking months', () => {
  it('are derived from the local date whenever a booking is saved', async () => {
    const saved = await BookingModel.create({ ...olderBooking('2030-03-31'), month: 'wrong' });
    expect(saved.month).toBe('2030-03');
  });

  it('are backfilled once for bookings stored without one, and the month reads then find them', async () => {
    // Written through the driver, as older versions of the app left them: no month field.
    await BookingModel.collection.insertMany([
      olderBooking('2030-03-31'),
      olderBooking('2030-04-01'),
      olderBooking('2030-04-01', '10:00-11:00'),
    ]);
    const current = await BookingModel.create(olderBooking('2030-05-02'));

    expect(await backfillBookingMonths()).toBe(3);

    const months = (await BookingModel.find({}, { date: 1, month: 1 }).lean()).map(
      ({ date, month }) => [date, month],
    );
    expect(months.sort()).toEqual([
      ['2030-03-31', '2030-03'],
      ['2030-04-01', '2030-04'],
      ['2030-04-01', '2030-04'],
      ['2030-05-02', '2030-05'],
    ]);
    expect(await BookingModel.countDocuments({ expertId, month: '2030-04' })).toBe(2);
    expect((await BookingModel.findById(current._id).lean())?.updatedAt).toEqual(current.updatedAt);
  });

  it('backfill again changes nothing', async () => {
    await BookingModel.collection.insertOne(olderBooking('2030-03-31'));
    expect(await backfillBookingMonths()).toBe(1);
    expect(await backfillBookingMonths()).toBe(0);
    expect(await BookingModel.countDocuments({ month: '2030-03' })).toBe(1);
  });
});
