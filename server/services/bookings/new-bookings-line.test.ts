import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';

import { BookingModel, TimeHoldModel } from '../../../models';
import { useApiServer } from '../../../test/support/api-server';
import {
  bookingInput,
  createExpert,
  DEFAULT_SLOTS,
  dayFromNow,
} from '../../../test/support/builders';
import { runWithDeadline } from '../../http/request-deadline';
import { NEW_BOOKINGS_AT_ONCE } from './new-bookings-line';

const api = await useApiServer();

/** Runs `work` as a request's would, with its client already gone. */
function forClientThatLeft<T>(work: () => Promise<T>): Promise<T> {
  const controller = new AbortController();
  controller.abort();
  return new Promise<T>((resolve, reject) => {
    runWithDeadline({ signal: controller.signal, expiresAt: Date.now() + 5_000 }, () => {
      work().then(resolve, reject);
    });
  });
}

describe('new bookings wait their turn', () => {
  it('makes every booking of a burst larger than the line, each on its own slot', async () => {
    const expert = await createExpert();
    const burst = 3 * NEW_BOOKINGS_AT_ONCE;
    const slots = Array.from({ length: burst }, (_, index) => ({
      date: dayFromNow(1 + Math.floor(index / DEFAULT_SLOTS.length)),
      timeSlot: DEFAULT_SLOTS[index % DEFAULT_SLOTS.length]!,
    }));

    const made = await Promise.all(
      slots.map((slot, index) =>
        api.services.bookings.create(
          bookingInput(expert.id, { ...slot, email: `burst-${index}@example.com` }),
        ),
      ),
    );

    expect(made.map(({ date, timeSlot }) => ({ date, timeSlot }))).toEqual(slots);
    expect(await BookingModel.countDocuments({ expertId: expert.id })).toBe(burst);
  });

  it('starts nothing, not even a claim on the time, for a request whose client left before its turn', async () => {
    const expert = await createExpert();
    const sent: string[] = [];
    mongoose.set('debug', (collection: string, method: string) => {
      sent.push(`${collection}.${method}`);
    });
    try {
      await expect(
        forClientThatLeft(() => api.services.bookings.create(bookingInput(expert.id))),
      ).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    } finally {
      mongoose.set('debug', false);
    }

    expect(sent).toEqual([]);
    expect(await TimeHoldModel.countDocuments({ expertId: expert.id })).toBe(0);
    expect(await BookingModel.countDocuments({ expertId: expert.id })).toBe(0);
  });
});
