import { pino } from 'pino';

import { ExpertSummarySchema, type ExpertSummary } from '../../shared/schemas/expert';
import { ExpertModel } from '../../models';
import { callApi } from '../../test/support/api-server';
import { bookingInput, createExpert, onlyOn, rated } from '../../test/support/builders';
import { dayFromToday, useTwoInstances } from '../../test/support/two-instances';
import { announceCatalogueChange } from './redis-feed';

// Two instances on one database and one Redis: A runs in this test process, B is the app as
// `npm start` runs it, in a process of its own, so B can only learn of A's changes through Redis.
// Needs Debian's redis-server and a Remix build (`npm test` makes one).
describe('the catalogue read model across two processes sharing Redis', () => {
  const two = useTwoInstances();

  async function summaryOn(baseUrl: string, expertId: string): Promise<ExpertSummary | undefined> {
    const answer = await callApi(baseUrl, '/api/experts?limit=50');
    expect(answer.status).toBe(200);
    return (answer.body as { data: unknown[] }).data
      .map((item) => ExpertSummarySchema.parse(item))
      .find((item) => item.id === expertId);
  }

  /** Polls the list until `check` holds; far below the catalogue's safety refresh period. */
  async function eventually(
    baseUrl: string,
    expertId: string,
    check: (summary: ExpertSummary | undefined) => boolean,
  ): Promise<ExpertSummary | undefined> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const summary = await summaryOn(baseUrl, expertId);
      if (check(summary) || Date.now() > deadline) return summary;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('shows on B an expert created on A, and on A a booking made through B', async () => {
    const expert = await createExpert({
      name: 'Shared Expert',
      availability: onlyOn([{ date: dayFromToday(1), timeSlots: ['09:00-10:00', '10:00-11:00'] }]),
    });
    const onB = await eventually(two.b.baseUrl, expert.id, (summary) => summary !== undefined);
    expect(onB?.nextAvailableSlot?.timeSlot).toBe('09:00-10:00');

    const booked = await callApi(two.b.baseUrl, '/api/bookings', {
      method: 'POST',
      json: bookingInput(expert.id, { date: dayFromToday(1), timeSlot: '09:00-10:00' }),
    });
    expect(booked.status).toBe(201);
    const onA = await eventually(
      two.a.baseUrl,
      expert.id,
      (summary) => summary?.nextAvailableSlot?.timeSlot === '10:00-11:00',
    );
    expect(onA?.nextAvailableSlot?.timeSlot).toBe('10:00-11:00');
  });

  it('shows on B a booking made through A', async () => {
    const expert = await createExpert({
      availability: onlyOn([{ date: dayFromToday(2), timeSlots: ['09:00-10:00', '14:00-15:00'] }]),
    });
    await eventually(two.b.baseUrl, expert.id, (summary) => summary !== undefined);

    await two.a.services.bookings.create(
      bookingInput(expert.id, { date: dayFromToday(2), timeSlot: '09:00-10:00' }),
    );
    const onB = await eventually(
      two.b.baseUrl,
      expert.id,
      (summary) => summary?.nextAvailableSlot?.timeSlot === '14:00-15:00',
    );
    expect(onB?.nextAvailableSlot).toMatchObject({
      date: dayFromToday(2),
      timeSlot: '14:00-15:00',
    });
  });

  it('shows on B an edit of an expert’s name, category and rating made on A', async () => {
    const expert = await createExpert({ name: 'Before Edit', rating: 3 });
    await eventually(two.b.baseUrl, expert.id, (summary) => summary !== undefined);

    await ExpertModel.updateOne(
      { _id: expert._id },
      { $set: { name: 'After Edit', category: 'Finance', ...rated(4.8) } },
    );
    const onB = await eventually(
      two.b.baseUrl,
      expert.id,
      (summary) => summary?.name === 'After Edit',
    );
    expect(onB).toMatchObject({ name: 'After Edit', category: 'Finance', rating: 4.8 });
  });

  it('rebuilds on B when a process that serves nothing (the seed command) announces a change', async () => {
    const expert = await createExpert({ name: 'Seeded Elsewhere', rating: 2 });
    await eventually(two.b.baseUrl, expert.id, (summary) => summary !== undefined);

    // Behind every model's back, as the seed command's own process writes for B.
    await ExpertModel.collection.updateOne({ _id: expert._id }, { $set: rated(3.3) });
    await announceCatalogueChange(two.redis.url, pino({ level: 'silent' }));

    const onB = await eventually(two.b.baseUrl, expert.id, (summary) => summary?.rating === 3.3);
    expect(onB?.rating).toBe(3.3);
  });

  it('rebuilds after Redis comes back, catching up with what it could not hear', async () => {
    const expert = await createExpert({ name: 'Unheard Edit', rating: 2 });
    await eventually(two.a.baseUrl, expert.id, (summary) => summary !== undefined);

    await two.redis.stop();
    // Behind every model's back, as a change whose message was lost would be.
    await ExpertModel.collection.updateOne({ _id: expert._id }, { $set: rated(4.2) });
    two.redis = await two.redis.restart();

    const onA = await eventually(two.a.baseUrl, expert.id, (summary) => summary?.rating === 4.2);
    expect(onA?.rating).toBe(4.2);
  });
});
