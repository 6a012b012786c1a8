import { heldHour } from '../../test/support/older-booking';
import { describe, expect, it } from 'vitest';

import { BookingModel, ExpertModel, TimeHoldModel } from '../../models';
import { useEmptiedTestDatabase } from '../../test/support/database';
import { NOTHING_BOOKED, slotsForWindow } from '../../server/services/availability';
import { buildCatalogue, type SeedExpert } from './catalogue';
import { countExperts, seedDatabase } from './seed-database';

await useEmptiedTestDatabase();

const TODAY = new Date('2030-03-04T10:00:00Z');
// A slice keeps the test fast; upserting 8 experts exercises the same code path as 72.
const experts = buildCatalogue({ today: TODAY }).slice(0, 8);

async function bookFirstSlot(expert: SeedExpert): Promise<void> {
  const stored = await ExpertModel.findOne({ slug: expert.slug }).orFail();
  const rules = { timezone: expert.timezone, ...expert.availability };
  const slot = slotsForWindow(rules, { days: 14 }, TODAY, NOTHING_BOOKED).find(
    (free) => free.available,
  );
  if (!slot) throw new Error(`${expert.slug} offers nothing to book`);
  const { date, timeSlot, startsAt } = slot;
  await BookingModel.create({
    expertId: stored._id,
    expertName: stored.name,
    timezone: stored.timezone,
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    phone: '+44 20 7946 0958',
    date,
    timeSlot,
    ...heldHour(startsAt),
    idempotencyKey: `seed-test-${expert.slug}`,
  });
}

describe('seedDatabase', () => {
  it('creates every expert with the catalogue fields', async () => {
    const report = await seedDatabase({ experts });

    expect(report).toEqual({
      experts: experts.length,
      created: experts.length,
      updated: 0,
      expertsRemoved: 0,
      bookingsRemoved: 0,
    });
    expect(await countExperts()).toBe(experts.length);
    const first = experts[0]!;
    const stored = await ExpertModel.findOne({ slug: first.slug }).lean().orFail();
    expect(stored).toMatchObject({
      name: first.name,
      category: first.category,
      experience: first.experience,
      reviewSum: 0,
      reviewCount: 0,
      bio: first.bio,
      timezone: first.timezone,
      availability: first.availability,
    });
  });

  it('updates in place on a second run: no duplicates, same ids, bookings kept', async () => {
    await seedDatabase({ experts });
    const idsBefore = (await ExpertModel.find({}, { _id: 1 }).sort({ slug: 1 }).lean()).map(
      (expert) => expert._id.toString(),
    );
    await bookFirstSlot(experts[0]!);

    // A day later the overrides move with the seed day; the rules are replaced in place.
    const nextDay = buildCatalogue({
      today: new Date(TODAY.getTime() + 24 * 60 * 60 * 1000),
    }).slice(0, 8);
    const report = await seedDatabase({ experts: nextDay });

    expect(report).toMatchObject({ created: 0, updated: experts.length, bookingsRemoved: 0 });
    expect(await countExperts()).toBe(experts.length);
    const idsAfter = (await ExpertModel.find({}, { _id: 1 }).sort({ slug: 1 }).lean()).map(
      (expert) => expert._id.toString(),
    );
    expect(idsAfter).toEqual(idsBefore);
    expect(await BookingModel.countDocuments()).toBe(1);
    const refreshed = await ExpertModel.findOne({ slug: nextDay[0]!.slug }).lean().orFail();
    expect(refreshed.availability).toEqual(nextDay[0]!.availability);
  });

  it('with reset, removes bookings and experts before seeding again', async () => {
    await seedDatabase({ experts });
    await bookFirstSlot(experts[1]!);
    const booking = await BookingModel.findOne().lean().orFail();
    await TimeHoldModel.create({
      _id: `t:${booking.expertId.toString()}:1`,
      expertId: booking.expertId,
      bookingId: booking._id,
    });
    const stray = { ...experts[0]!, slug: 'no-longer-in-the-catalogue', name: 'Stray Expert' };
    await seedDatabase({ experts: [stray] });

    const report = await seedDatabase({ experts, reset: true });

    expect(report).toEqual({
      experts: experts.length,
      created: experts.length,
      updated: 0,
      expertsRemoved: experts.length + 1,
      bookingsRemoved: 1,
    });
    expect(await BookingModel.countDocuments()).toBe(0);
    expect(await TimeHoldModel.countDocuments()).toBe(0);
    expect(await countExperts()).toBe(experts.length);
    expect(await ExpertModel.exists({ slug: stray.slug })).toBeNull();
  });

  it('writes the whole catalogue, twice, in commands of a few statements each', async () => {
    const whole = buildCatalogue({ today: TODAY });
    expect(whole.length).toBeGreaterThan(16);
    expect(await seedDatabase({ experts: whole })).toMatchObject({ created: whole.length });
    expect(await seedDatabase({ experts: whole })).toMatchObject({
      created: 0,
      updated: whole.length,
    });
    expect(await countExperts()).toBe(whole.length);
  });

  it('reports an empty catalogue as zero experts', async () => {
    expect(await countExperts()).toBe(0);
  });
});
