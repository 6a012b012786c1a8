import { Types } from 'mongoose';
import { pino } from 'pino';

import { ExpertSchema, ExpertSummarySchema, type ExpertSummary } from '../../shared/schemas/expert';
import { buildCatalogue } from '../../scripts/seed/catalogue';
import { seedDatabase } from '../../scripts/seed/seed-database';
import { BookingModel, ExpertModel } from '../../models';
import { startCatalogue } from './catalogue';
import { ADMIN_TOKEN, callApi, NOW, useApiServer } from '../../test/support/api-server';
import { commandsDuring } from '../../test/support/model-commands';
import {
  bookingInput,
  createExpert,
  dayFromNow,
  everyDay,
  onlyOn,
  rated,
} from '../../test/support/builders';

const api = await useApiServer();

/** A booking of a UTC expert's slot as the bookings service announces it. */
function heldSlot(expertId: string, date: string, timeSlot: string) {
  return {
    expertId,
    date,
    timeSlot,
    bookingId: new Types.ObjectId().toString(),
    heldFrom: `${date}T${timeSlot.slice(0, 5)}:00.000Z`,
    heldUntil: `${date}T${timeSlot.slice(6)}:00.000Z`,
  };
}

async function listed(query = ''): Promise<{ items: ExpertSummary[]; total: number }> {
  const answer = await callApi(api.baseUrl, `/api/experts${query}`);
  expect(answer.status).toBe(200);
  const body = answer.body as { data: unknown[]; pagination: { total: number } };
  return {
    items: body.data.map((item) => ExpertSummarySchema.parse(item)),
    total: body.pagination.total,
  };
}

async function summaryOf(expertId: string): Promise<ExpertSummary | undefined> {
  return (await listed('?limit=50')).items.find((item) => item.id === expertId);
}

describe('the catalogue read model, in one process', () => {
  it('moves an expert’s next free slot as soon as a booking commits', async () => {
    const expert = await createExpert({
      availability: onlyOn([{ date: dayFromNow(1), timeSlots: ['09:00-10:00', '10:00-11:00'] }]),
    });
    expect((await summaryOf(expert.id))?.nextAvailableSlot?.timeSlot).toBe('09:00-10:00');

    await api.services.bookings.create(bookingInput(expert.id, { timeSlot: '09:00-10:00' }));
    expect((await summaryOf(expert.id))?.nextAvailableSlot?.timeSlot).toBe('10:00-11:00');

    await api.services.bookings.create(bookingInput(expert.id, { timeSlot: '10:00-11:00' }));
    expect((await summaryOf(expert.id))?.nextAvailableSlot).toBeNull();
  });

  it('follows a seed run that renames and re-categorises an expert', async () => {
    const catalogue = buildCatalogue({ today: NOW }).slice(0, 3);
    await seedDatabase({ experts: catalogue });
    expect((await listed()).total).toBe(3);

    const [first, ...rest] = catalogue;
    const edited = { ...first!, name: 'Zelda Renamed', category: 'Legal' as const };
    await seedDatabase({ experts: [edited, ...rest] });

    const { items } = await listed();
    // Unrated experts are listed by name: the renamed one moves to the end.
    expect(items.at(-1)).toMatchObject({ name: 'Zelda Renamed', rating: null, category: 'Legal' });
    expect((await listed('?category=Legal')).items.map((item) => item.name)).toContain(
      'Zelda Renamed',
    );
    expect((await listed('?search=zelda')).total).toBe(1);
  });

  it('follows an update and a removal of one expert made through the model', async () => {
    const expert = await createExpert({ name: 'Ada Original', rating: 3 });
    await createExpert({ name: 'Someone Else', rating: 4 });

    await ExpertModel.updateOne(
      { _id: expert._id },
      { $set: { name: 'Ada Edited', ...rated(4.9) } },
    );
    expect((await listed()).items.map((item) => item.name)).toEqual(['Ada Edited', 'Someone Else']);

    // Offering a day nobody had offered before reads that month's bookings for this expert.
    await api.services.bookings.create(
      bookingInput(expert.id, { date: dayFromNow(1), timeSlot: '09:00-10:00' }),
    );
    await ExpertModel.updateOne(
      { _id: expert._id },
      {
        $set: {
          availability: onlyOn([
            { date: dayFromNow(1), timeSlots: ['09:00-10:00', '14:00-15:00'] },
          ]),
        },
      },
    );
    expect((await summaryOf(expert.id))?.nextAvailableSlot?.timeSlot).toBe('14:00-15:00');

    await ExpertModel.deleteOne({ _id: expert._id });
    expect((await listed()).items.map((item) => item.name)).toEqual(['Someone Else']);
  });

  it('catches up with writes it was not told about when it rebuilds', async () => {
    const expert = await createExpert({ name: 'Quiet Writer', rating: 4.5 });
    // Straight through the driver: no model middleware, as another process without Redis would.
    await ExpertModel.collection.updateOne({ _id: expert._id }, { $set: rated(1.5) });
    expect((await summaryOf(expert.id))?.rating).toBe(4.5);

    await api.catalogue.rebuild();
    expect((await summaryOf(expert.id))?.rating).toBe(1.5);
  });

  it('keeps the revision of an expert a rebuild reads unchanged, and only of those', async () => {
    const steady = await createExpert({ name: 'Steady One' });
    const edited = await createExpert({ name: 'Edited Behind' });
    const unbooked = await createExpert({ name: 'Unbooked Behind' });
    await api.catalogue.rebuild();
    // Heard as they happen: the rebuild reads the same bookings the read model already holds.
    await api.services.bookings.create(bookingInput(steady.id));
    const gone = await api.services.bookings.create(bookingInput(unbooked.id));
    const revisionOf = (id: string) => api.catalogue.expert(id)?.revision;
    const before = [steady, edited, unbooked].map((expert) => revisionOf(expert.id));

    // Written behind the read model's back, as another instance without Redis would.
    await ExpertModel.collection.updateOne({ _id: edited._id }, { $set: { bio: 'New words.' } });
    await BookingModel.collection.deleteOne({ _id: new Types.ObjectId(gone.id) });
    await api.catalogue.rebuild();

    const after = [steady, edited, unbooked].map((expert) => revisionOf(expert.id));
    expect(after[0]).toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
    expect(after[2]).not.toBe(before[2]);
    expect(api.catalogue.expert(edited.id)?.bio).toBe('New words.');
  });

  it('keeps every booking heard while a rebuild is reading', async () => {
    const expert = await createExpert({
      availability: onlyOn([{ date: dayFromNow(2), timeSlots: ['09:00-10:00', '10:00-11:00'] }]),
    });
    const rebuilding = api.catalogue.rebuild();
    // Heard by the read model while the rebuild may already have read the bookings.
    api.catalogue.notifier.slotBooked(heldSlot(expert.id, dayFromNow(2), '09:00-10:00'));
    await rebuilding;
    expect((await summaryOf(expert.id))?.nextAvailableSlot?.timeSlot).toBe('10:00-11:00');
  });

  it('replays a booking and its release heard while a rebuild is reading, in order', async () => {
    const expert = await createExpert({
      availability: onlyOn([{ date: dayFromNow(2), timeSlots: ['09:00-10:00', '10:00-11:00'] }]),
    });
    const slot = heldSlot(expert.id, dayFromNow(2), '09:00-10:00');
    const rebuilding = api.catalogue.rebuild();
    api.catalogue.notifier.slotBooked(slot);
    api.catalogue.notifier.slotReleased(slot);
    await rebuilding;
    expect((await summaryOf(expert.id))?.nextAvailableSlot?.timeSlot).toBe('09:00-10:00');

    api.catalogue.notifier.slotBooked(slot);
    expect((await summaryOf(expert.id))?.nextAvailableSlot?.timeSlot).toBe('10:00-11:00');
    api.catalogue.notifier.slotReleased(slot);
    expect((await summaryOf(expert.id))?.nextAvailableSlot?.timeSlot).toBe('09:00-10:00');
  });

  it('rebuilds on its own every refresh period', async () => {
    const catalogue = await startCatalogue({
      clock: () => NOW,
      logger: pino({ level: 'silent' }),
      refreshMs: 100,
    });
    try {
      const expert = await createExpert();
      await ExpertModel.collection.updateOne({ _id: expert._id }, { $set: { name: 'Periodic' } });
      const deadline = Date.now() + 5_000;
      const nameOf = () =>
        catalogue
          .list({ page: 1, limit: 50, search: undefined, category: undefined })
          .items.find((item) => item.id === expert.id)?.name;
      while (nameOf() !== 'Periodic' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(nameOf()).toBe('Periodic');
    } finally {
      await catalogue.close();
    }
  });
});

describe('the expert page from the read model', () => {
  async function page(expertId: string, query = '') {
    const answer = await callApi(api.baseUrl, `/api/experts/${expertId}${query}`);
    expect(answer.status).toBe(200);
    return ExpertSchema.parse((answer.body as { data: unknown }).data);
  }

  it('reads a cold expert once, loads it, and then serves every window without the database', async () => {
    // Written behind the models' back, as another instance would before its message arrives.
    const stored = new ExpertModel({
      slug: 'cold-expert',
      name: 'Cold Expert',
      category: 'Design',
      experience: 3,
      ...rated(4),
      bio: 'Arrived unannounced.',
      timezone: 'Asia/Kolkata',
      availability: everyDay(),
    });
    await ExpertModel.collection.insertOne(stored.toObject());
    const expertId = stored._id.toString();
    expect(api.catalogue.has(expertId)).toBe(false);

    const first = await commandsDuring(() => page(expertId));
    expect(first).toContain('experts.findOne');
    const deadline = Date.now() + 5_000;
    while (!api.catalogue.has(expertId) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(api.catalogue.has(expertId)).toBe(true);

    const steady = await commandsDuring(async () => {
      const shown = await page(expertId);
      expect(shown).toMatchObject({ name: 'Cold Expert', bio: 'Arrived unannounced.' });
      await page(expertId);
      await page(expertId, `?from=${dayFromNow(7)}&days=7`);
      await callApi(api.baseUrl, '/api/experts');
    });
    expect(steady).toEqual([]);
  });

  it('shows a booking and its cancellation at once, and an edit of the expert', async () => {
    const expert = await createExpert({
      availability: onlyOn([{ date: dayFromNow(1), timeSlots: ['09:00-10:00', '10:00-11:00'] }]),
    });
    const slotOf = async (timeSlot: string) =>
      (await page(expert.id)).slots.find((slot) => slot.timeSlot === timeSlot);
    expect(await slotOf('09:00-10:00')).toMatchObject({ available: true });

    const booking = await api.services.bookings.create(bookingInput(expert.id));
    expect(await slotOf('09:00-10:00')).toMatchObject({ available: false, reason: 'booked' });

    const cancelled = await callApi(api.baseUrl, `/api/bookings/${booking.id}/cancel`, {
      method: 'POST',
      json: {},
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(cancelled.status).toBe(200);
    expect(await slotOf('09:00-10:00')).toMatchObject({ available: true });

    await ExpertModel.updateOne({ _id: expert._id }, { $set: { bio: 'Now with a new bio.' } });
    expect((await page(expert.id)).bio).toBe('Now with a new bio.');
  });
});
