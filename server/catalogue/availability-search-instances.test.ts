import { DateTime } from 'luxon';
import { inject } from 'vitest';

import { startAppProcess, startRedisServer, type AppProcess, type TestRedis } from '../../harness';
import { callApi, startApiServer, type ApiServer } from '../../test/support/api-server';
import { bookingInput, createExpert, onlyOn } from '../../test/support/builders';
import { useTestDatabase, type TestDatabase } from '../../test/support/database';

// Two instances on one database and one Redis: A runs in this test process, B is the app as
// `npm start` runs it, in a process of its own, so B learns of A's bookings only through the
// read model's Redis feed. Needs Debian's redis-server and a build (`npm run build`).

/** `offset` days after today on the real clock (UTC), which both instances run on. */
function dayFromToday(offset: number): string {
  return DateTime.utc().plus({ days: offset }).toISODate() ?? '';
}

/** Within a second, as the issue asks; polled far more often. */
const OTHER_INSTANCE_MS = 1_000;

describe('availability search across two processes sharing Redis', () => {
  let db: TestDatabase;
  let redis: TestRedis;
  let a: ApiServer;
  let b: AppProcess;

  beforeAll(async () => {
    db = await useTestDatabase();
    redis = await startRedisServer();
    const uri = new URL(inject('mongodbUri'));
    uri.pathname = `/${db.dbName}`;
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

  async function freeOn(baseUrl: string, day: string): Promise<string[]> {
    const answer = await callApi(baseUrl, `/api/experts?availableOn=${day}&limit=50`);
    expect(answer.status).toBe(200);
    return (answer.body as { data: { name: string }[] }).data.map((expert) => expert.name).sort();
  }

  async function within(ms: number, baseUrl: string, day: string, expected: string[]) {
    const deadline = Date.now() + ms;
    let seen = await freeOn(baseUrl, day);
    while (JSON.stringify(seen) !== JSON.stringify(expected) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      seen = await freeOn(baseUrl, day);
    }
    return seen;
  }

  it('drops an expert booked out on A from the day’s results on B within a second', async () => {
    const day = dayFromToday(3);
    const one = { ...onlyOn([{ date: day, timeSlots: ['09:00-10:00'] }]), minimumNoticeMinutes: 0 };
    const busy = await createExpert({ name: 'Booked Out', availability: one });
    await createExpert({ name: 'Still Free', availability: one });
    // Both instances know both experts before the booking.
    expect(await within(10_000, b.baseUrl, day, ['Booked Out', 'Still Free'])).toEqual([
      'Booked Out',
      'Still Free',
    ]);

    const booked = await callApi(a.baseUrl, '/api/bookings', {
      method: 'POST',
      json: bookingInput(busy.id, { date: day, timeSlot: '09:00-10:00' }),
    });
    expect(booked.status).toBe(201);
    expect(await freeOn(a.baseUrl, day)).toEqual(['Still Free']);
    expect(await within(OTHER_INSTANCE_MS, b.baseUrl, day, ['Still Free'])).toEqual(['Still Free']);
  });
});
