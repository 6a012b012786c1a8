import { randomUUID } from 'node:crypto';

import type { Types } from 'mongoose';

/**
 * A booking document as older versions of the app stored it, before bookings carried `month`
 * and `activeKey`: for inserting through the driver to test the start-up backfills.
 */
export function olderBooking({
  expertId,
  date,
  timeSlot,
  status = 'Pending',
}: {
  expertId: Types.ObjectId;
  date: string;
  timeSlot: string;
  status?: string;
}) {
  return {
    expertId,
    expertName: 'Grace Hopper',
    timezone: 'UTC',
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    phone: '+44 20 7946 0958',
    date,
    timeSlot,
    startsAt: new Date(`${date}T${timeSlot.slice(0, 5)}:00Z`),
    notes: '',
    status,
    idempotencyKey: randomUUID(),
    createdAt: new Date(),
    updatedAt: new Date(),
  };
}
