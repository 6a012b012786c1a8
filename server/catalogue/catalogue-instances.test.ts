import { DateTime } from 'luxon';
import { pino } from 'pino';
import { inject } from 'vitest';

import { ExpertSummarySchema, type ExpertSummary } from '../../shared/schemas/expert';
import { ExpertModel } from '../../models';
import { callApi, startApiServer, type ApiServer } from '../../test/support/api-server';
import { startAppProcess, type AppProcess, startRedisServer, type TestRedis } from '../../harness';
import { bookingInput, createExpert, onlyOn, rated } from '../../test/support/builders';
import { useTestDatabase, type TestDatabase } from '../../test/support/database';
import { announceCatalogueChange } from './redis-feed';

// Two instances on one database and one Redis: A runs in this test process, B is the app as
// `npm start` runs it, in a process of its own, so B can only learn of A's changes through Redis.
// Needs Debian's redis-server and a Remix build (`npm test` makes one).
/** `offset` days after today on the real clock (UTC), which both instances run on. */
function dayFromToday(offset: number): string {
  return DateTime.utc().plus({ days: offset }).toISODate() ?? '';
}

describe('the catalogue read model across two processes sharing Redis', () => {
  let db: TestDatabase;
  let redis: TestRedis;
  let a: ApiServer;
  let b: AppProcess;

  beforeAll(async () => {
    db = await useTestDatabase();
    redis = await startRedisServer();
    const uri = new URL(inject('mongodbUri'));
    uri.pathname = `/${db.dbName}`;
    // Both on the real clock: B has no other.
    [a, b] = await Promise.all([
      startApiServer({ clock: () => new Date(), realtime: { redisUrl: redis.url } }),
      startAppProcess({ MONGODB_URI: uri.toString(), REDIS_URL: redis.url }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.stop()]);
    await redis?.stop();
    await db?.close();
  });

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
    const onB = await eventually(b.baseUrl, expert.id, (summary) => summary !== undefined);
    expect(onB?.nextAvailableSlot?.timeSlot).toBe('09:00-10:00');

    const booked = await callApi(b.baseUrl, '/api/bookings', {
      method: 'POST',
      json: bookingInput(expert.id, { date: dayFromToday(1), timeSlot: '09:00-10:00' }),
    });
    expect(booked.status).toBe(201);
    const onA = await eventually(
      a.baseUrl,
      expert.id,
      (summary) => summary?.nextAvailableSlot?.timeSlot === '10:00-11:00',
    );
    expect(onA?.nextAvailableSlot?.timeSlot).toBe('10:00-11:00');
  });

  it('shows on B a booking made through A', async () => {
    const expert = await createExpert({
      availability: onlyOn([{ date: dayFromToday(2), timeSlots: ['09:00-10:00', '14:00-15:00'] }]),
    });
    await eventually(b.baseUrl, expert.id, (summary) => summary !== undefined);

    await a.services.bookings.create(
      bookingInput(expert.id, { date: dayFromToday(2), timeSlot: '09:00-10:00' }),
    );
    const onB = await eventually(
      b.baseUrl,
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
    await eventually(b.baseUrl, expert.id, (summary) => summary !== undefined);

    await ExpertModel.updateOne(
      { _id: expert._id },
      { $set: { name: 'After Edit', category: 'Finance', ...rated(4.8) } },
    );
    const onB = await eventually(b.baseUrl, expert.id, (summary) => summary?.name === 'After Edit');
    expect(onB).toMatchObject({ name: 'After Edit', category: 'Finance', rating: 4.8 });
  });

  it('rebuilds on B when a process that serves nothing (the seed command) announces a change', async () => {
    const expert = await createExpert({ name: 'Seeded Elsewhere', rating: 2 });
    await eventually(b.baseUrl, expert.id, (summary) => summary !== undefined);

    // Behind every model's back, as the seed command's own process writes for B.
    await ExpertModel.collection.updateOne({ _id: expert._id }, { $set: rated(3.3) });
    await announceCatalogueChange(redis.url, pino({ level: 'silent' }));

    const onB = await eventually(b.baseUrl, expert.id, (summary) => summary?.rating === 3.3);
    expect(onB?.rating).toBe(3.3);
  });

  it('rebuilds after Redis comes back, catching up with what it could not hear', async () => {
    const expert = await createExpert({ name: 'Unheard Edit', rating: 2 });
    await eventually(a.baseUrl, expert.id, (summary) => summary !== undefined);

    await redis.stop();
    // Behind every model's back, as a change whose message was lost would be.
    await ExpertModel.collection.updateOne({ _id: expert._id }, { $set: rated(4.2) });
    redis = await redis.restart();

    const onA = await eventually(a.baseUrl, expert.id, (summary) => summary?.rating === 4.2);
    expect(onA?.rating).toBe(4.2);
  });
});
