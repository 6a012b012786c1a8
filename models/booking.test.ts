import { randomUUID } from 'node:crypto';

import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';

import { heldHour } from '../test/support/older-booking';
import { useEmptiedTestDatabase } from '../test/support/database';
import { BookingModel, isDuplicateKeyError } from './index';

await useEmptiedTestDatabase();

function booking(
  overrides: Partial<{
    expertId: mongoose.Types.ObjectId;
    date: string;
    timeSlot: string;
    email: string;
  }> = {},
) {
  return {
    expertId: overrides.expertId ?? expertA,
    expertName: 'Grace Hopper',
    timezone: 'UTC',
    name: 'Ada Lovelace',
    email: overrides.email ?? 'ada@example.com',
    phone: '+44 20 7946 0958',
    date: overrides.date ?? '2030-03-05',
    timeSlot: overrides.timeSlot ?? '09:00-10:00',
    ...heldHour(new Date('2030-03-05T09:00:00Z')),
    idempotencyKey: randomUUID(),
  };
}

const expertA = new mongoose.Types.ObjectId();
const expertB = new mongoose.Types.ObjectId();

describe('one booking per expert, date and slot (unique index on the real server)', () => {
  it('rejects a second booking of the same slot with a duplicate-key error', async () => {
    await BookingModel.create(booking());

    const error = await BookingModel.create(booking({ email: 'someone@example.com' })).then(
      () => undefined,
      (caught: unknown) => caught,
    );

    expect(isDuplicateKeyError(error)).toBe(true);
    expect(await BookingModel.countDocuments()).toBe(1);
  });

  it('allows another slot, another date and another expert', async () => {
    await BookingModel.create(booking());
    await BookingModel.create(booking({ timeSlot: '10:00-11:00' }));
    await BookingModel.create(booking({ date: '2030-03-06' }));
    await BookingModel.create(booking({ expertId: expertB }));

    expect(await BookingModel.countDocuments()).toBe(4);
  });

  it('lets exactly one of 50 concurrent bookings of one slot win', async () => {
    const attempts = 50;
    const results = await Promise.allSettled(
      Array.from({ length: attempts }, (_, i) =>
        BookingModel.create(booking({ email: `client${i}@example.com` })),
      ),
    );

    const rejected = results.filter((result) => result.status === 'rejected');
    const unexpected = rejected
      .map((result) => result.reason as unknown)
      .filter((reason) => !isDuplicateKeyError(reason));
    // Any other failure (e.g. "database is locked") would be a 500 in the app, not a 409.
    expect(unexpected.map(String)).toEqual([]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(rejected).toHaveLength(attempts - 1);
    expect(await BookingModel.countDocuments()).toBe(1);
  });
});
