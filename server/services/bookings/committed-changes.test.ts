import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';

import { TimeHoldModel } from '../../../models';
import { useApiServer } from '../../../test/support/api-server';
import { bookingInput, createExpert, dayFromNow } from '../../../test/support/builders';
import { runWithDeadline } from '../../http/request-deadline';

const api = await useApiServer();

/**
 * Runs `work` as a request's would, whose client hangs up the moment the database is sent the
 * write named `collection.method`: the write is made, and every query after it would be refused
 * if it still belonged to the request.
 */
function leavingAt<T>(write: string, work: () => Promise<T>): Promise<T> {
  const controller = new AbortController();
  mongoose.set('debug', (collection: string, method: string) => {
    if (`${collection}.${method}` === write) controller.abort();
  });
  return new Promise<T>((resolve, reject) => {
    runWithDeadline({ signal: controller.signal, expiresAt: Date.now() + 10_000 }, () => {
      work().then(resolve, reject);
    });
  }).finally(() => mongoose.set('debug', false));
}

const admin = { by: 'admin' } as const;

async function booked(index = 0) {
  const expert = await createExpert();
  const booking = await api.services.bookings.create(
    bookingInput(expert.id, { date: dayFromNow(2 + index), email: `left-${index}@example.com` }),
  );
  api.mails.length = 0;
  api.released.length = 0;
  return { expert, booking };
}

describe('a change whose client hangs up as it is written', () => {
  it('is a booking, once its time is claimed, made whole and mailed', async () => {
    const expert = await createExpert();
    const made = await leavingAt('timeholds.insertMany', () =>
      api.services.bookings.create(bookingInput(expert.id, { date: dayFromNow(2) })),
    );
    expect(made.status).toBe('Pending');
    expect(api.mails).toEqual([expect.objectContaining({ kind: 'made', bookingId: made.id })]);
    expect(await TimeHoldModel.countDocuments({ bookingId: made.id })).toBeGreaterThan(0);
  });

  it('is a cancel made whole: its time is freed, everyone hears, the client is mailed', async () => {
    const { booking } = await booked();
    const cancelled = await leavingAt('bookings.findOneAndUpdate', () =>
      api.services.bookings.cancel(booking.id, { reason: 'Ill.' }, admin),
    );
    expect(cancelled.status).toBe('Cancelled');
    expect(await TimeHoldModel.countDocuments({ bookingId: booking.id })).toBe(0);
    expect(api.released).toHaveLength(1);
    expect(api.mails).toEqual([
      expect.objectContaining({ kind: 'cancelled', bookingId: booking.id }),
    ]);
  });

  it('is a move made whole: the client is mailed the new time', async () => {
    const { booking } = await booked(1);
    const moved = await leavingAt('bookings.findOneAndUpdate', () =>
      api.services.bookings.reschedule(
        booking.id,
        { date: dayFromNow(5), timeSlot: booking.timeSlot },
        admin,
      ),
    );
    expect(moved.date).toBe(dayFromNow(5));
    expect(api.mails).toEqual([
      expect.objectContaining({ kind: 'rescheduled', bookingId: booking.id }),
    ]);
  });

  it('is a cancel by status made whole', async () => {
    const { booking } = await booked(2);
    const cancelled = await leavingAt('bookings.findOneAndUpdate', () =>
      api.services.bookings.changeStatus(booking.id, { status: 'Cancelled' }, admin),
    );
    expect(cancelled.status).toBe('Cancelled');
    expect(api.mails).toEqual([
      expect.objectContaining({ kind: 'cancelled', bookingId: booking.id }),
    ]);
  });
});
