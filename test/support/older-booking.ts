import { randomUUID } from 'node:crypto';

import type { Types } from 'mongoose';

/**
 * A booking document as older versions of the app stored it, before bookings carried `month`
 * and `activeKey`: for inserting through the driver to test the start-up backfills. It has the
 * hour it holds, so the model accepts it too.
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
    ...heldHour(new Date(`${date}T${timeSlot.slice(0, 5)}:00Z`)),
    notes: '',
    status,
    idempotencyKey: randomUUID(),
    createdAt: new Date(),
    updatedAt: new Date(),
  };
}

/** `startsAt` and what a booking of an hour from then ends at and holds (no buffers). */
export function heldHour(startsAt: Date) {
  const endsAt = new Date(startsAt.getTime() + 60 * 60_000);
  return { startsAt, endsAt, heldFrom: startsAt, heldUntil: endsAt };
}
