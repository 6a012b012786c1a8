import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';

import { useEmptiedTestDatabase } from '../test/support/database';
import { commandsDuring } from '../test/support/model-commands';
import { olderBooking } from '../test/support/older-booking';
import {
  ACTIVE,
  BookingModel,
  ensureIndexes,
  markMigrationsFinished,
  MIGRATIONS,
  runMigrationOnce,
} from './index';
import { MigrationModel } from './migration';

await useEmptiedTestDatabase();

const expertId = new mongoose.Types.ObjectId();

describe('a one-time migration', () => {
  it('runs on a database that has not had it, then never again', async () => {
    let runs = 0;
    const migrate = async () => ++runs;

    expect(await runMigrationOnce('booking-months', migrate)).toBe(1);
    expect(await runMigrationOnce('booking-months', migrate)).toBeUndefined();
    expect(runs).toBe(1);
    expect(await MigrationModel.find().lean()).toEqual([
      { _id: 'booking-months', finishedAt: expect.any(Date) },
    ]);
  });

  it('that fails is not recorded, so the next start runs it again', async () => {
    const failing = () => Promise.reject(new Error('the database went away'));
    await expect(runMigrationOnce('booking-holds', failing)).rejects.toThrow('went away');

    expect(await runMigrationOnce('booking-holds', async () => 'done')).toBe('done');
  });

  it('run by two starts at once is recorded once', async () => {
    await Promise.all([
      runMigrationOnce('booking-months', async () => 1),
      runMigrationOnce('booking-months', async () => 1),
    ]);
    expect(await MigrationModel.countDocuments()).toBe(1);
  });
});

describe('start-up on a grown database', () => {
  it('back-fills older bookings on the first start and reads no booking on the next', async () => {
    await BookingModel.collection.insertOne(
      olderBooking({ expertId, date: '2030-03-05', timeSlot: '09:00-10:00' }),
    );

    await ensureIndexes();
    expect(await BookingModel.findOne({}, { activeKey: 1 }).lean()).toMatchObject({
      activeKey: ACTIVE,
    });

    // A scan for missing fields reads every booking: 100,000 of them outlast the time limit.
    const sent = await commandsDuring(ensureIndexes);
    expect(sent).not.toContain('bookings.find');
  });

  it('of data written by this version skips every back-fill', async () => {
    await markMigrationsFinished();

    expect((await MigrationModel.find().lean()).map((done) => done._id).sort()).toEqual(
      [...MIGRATIONS].sort(),
    );
    const sent = await commandsDuring(ensureIndexes);
    expect(sent).not.toContain('bookings.find');
  });
});
