import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';

import { CreatedBookingSchema } from '../../shared/schemas/booking-record';
import { BookingModel, ExpertModel, TimeHoldModel } from '../../models';
import { holdIdsOf } from '../services/bookings/hold-store';
import { callApi, useApiServer } from '../../test/support/api-server';
import { bookingInput, createExpert } from '../../test/support/builders';

/**
 * A booking claims its time on the read model's guess of the slot while the database's word on
 * the expert's rules is on its way, and books only once the two agree. These change the rules in
 * the database behind the read model's back (no announcement), so the guess is stale: the
 * outcome must be the database's, with nothing left held by the guess.
 */

const api = await useApiServer();

// The fixed clock is Monday 2030-03-04 10:00 UTC; Lagos is UTC+1 all year.
const TUESDAY = '2030-03-05';
const RULES = {
  sessionMinutes: 30,
  minimumNoticeMinutes: 0,
  horizonDays: 30,
  weeklyHours: { tuesday: [{ start: '08:00', end: '12:00' }] },
};

/** An expert the read model knows, with its expert page read once. */
async function knownExpert() {
  const expert = await createExpert({ timezone: 'Africa/Lagos', availability: RULES });
  const page = await callApi(api.baseUrl, `/api/experts/${expert.id}?from=${TUESDAY}&days=1`);
  expect(page.status).toBe(200);
  return expert.id;
}

/** Changes the stored rules without a word to the read model. */
async function changeRulesQuietly(expertId: string, availability: Record<string, unknown>) {
  await ExpertModel.collection.updateOne(
    { _id: new Types.ObjectId(expertId) },
    { $set: { availability: { ...RULES, ...availability } } },
  );
}

let client = 0;
function book(expertId: string, timeSlot: string) {
  client += 1;
  return callApi(api.baseUrl, '/api/bookings', {
    method: 'POST',
    json: bookingInput(expertId, { date: TUESDAY, timeSlot, email: `guess-${client}@example.com` }),
  });
}

/** Every hold of the expert, each one a hold its booking should have. */
async function expectOnlyBookingsHolds(expertId: string) {
  const holds = await TimeHoldModel.find({ expertId: new Types.ObjectId(expertId) }).lean();
  const bookings = await BookingModel.find({ expertId: new Types.ObjectId(expertId) }).lean();
  const wanted = bookings.flatMap((booking) => holdIdsOf(booking));
  expect(holds.map((hold) => hold._id).sort()).toEqual([...wanted].sort());
}

describe('a booking on a stale guess of the slot', () => {
  it('is made on the rules in the database: the time it holds is theirs', async () => {
    const expertId = await knownExpert();
    await changeRulesQuietly(expertId, { bufferAfterMinutes: 15 });

    const answer = await book(expertId, '09:00-09:30');
    expect(answer.status).toBe(201);
    const { id } = CreatedBookingSchema.parse((answer.body as { data: unknown }).data);
    const stored = await BookingModel.findById(id).lean();
    // 09:00–09:30 in Lagos is 08:00–08:30 UTC, and the buffer after it holds until 08:45.
    expect(stored?.heldFrom.toISOString()).toBe('2030-03-05T08:00:00.000Z');
    expect(stored?.heldUntil.toISOString()).toBe('2030-03-05T08:45:00.000Z');
    await expectOnlyBookingsHolds(expertId);
  });

  it('is refused as the database refuses it, and holds nothing', async () => {
    const expertId = await knownExpert();
    await changeRulesQuietly(expertId, { weeklyHours: { wednesday: RULES.weeklyHours.tuesday } });

    const answer = await book(expertId, '09:00-09:30');
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ code: 'SLOT_UNAVAILABLE' });
    expect(await BookingModel.countDocuments({ expertId: new Types.ObjectId(expertId) })).toBe(0);
    await expectOnlyBookingsHolds(expertId);
  });

  it('is made when only the database offers the slot', async () => {
    const expertId = await knownExpert();
    await changeRulesQuietly(expertId, {
      weeklyHours: { tuesday: [{ start: '14:00', end: '15:00' }] },
    });

    const answer = await book(expertId, '14:00-14:30');
    expect(answer.status).toBe(201);
    await expectOnlyBookingsHolds(expertId);
  });

  it('is told the slot is taken only when it is taken under the database’s rules', async () => {
    const expert = await createExpert({
      timezone: 'Africa/Lagos',
      availability: { ...RULES, bufferBeforeMinutes: 30 },
    });
    expect((await book(expert.id, '10:00-10:30')).status).toBe(201);
    // The read model still has the buffer before each session: 10:30 would then hold from
    // 10:00, inside the booking before it. The database has no buffer any more.
    await changeRulesQuietly(expert.id, { bufferBeforeMinutes: 0 });

    const answer = await book(expert.id, '10:30-11:00');
    expect(answer.status).toBe(201);
    await expectOnlyBookingsHolds(expert.id);
  });
});
