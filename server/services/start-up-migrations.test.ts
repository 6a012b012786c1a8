import mongoose from 'mongoose';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';

import { BookingModel } from '../../models';
import { useEmptiedTestDatabase } from '../../test/support/database';
import { commandsDuring } from '../../test/support/model-commands';
import { olderBooking } from '../../test/support/older-booking';
import { migrateOnStart } from './start-up-migrations';

await useEmptiedTestDatabase();

const NOW = new Date('2030-03-01T00:00:00Z');
const start = () => migrateOnStart({ clock: () => NOW, logger: pino({ level: 'silent' }) });

describe('the start-up migrations', () => {
  it('give older bookings their month and held time once, and read no booking on later starts', async () => {
    // As versions before months and held time stored it, written through the driver.
    const expertId = new mongoose.Types.ObjectId();
    await BookingModel.collection.insertOne(
      olderBooking({ expertId, date: '2030-03-05', timeSlot: '09:00-10:00' }),
    );
    await BookingModel.collection.updateOne(
      {},
      { $unset: { endsAt: '', heldFrom: '', heldUntil: '' } },
    );

    await start();
    expect(await BookingModel.findOne().lean()).toMatchObject({
      month: '2030-03',
      heldFrom: new Date('2030-03-05T09:00:00Z'),
      heldUntil: new Date('2030-03-05T10:00:00Z'),
    });

    expect(await commandsDuring(start)).not.toContain('bookings.find');
  });
});
