import { DateTime } from 'luxon';
import { inject } from 'vitest';

import { startAppProcess, startRedisServer, type AppProcess, type TestRedis } from '../../harness';
import { startApiServer, type ApiServer } from './api-server';
import { useTestDatabase, type TestDatabase } from './database';

/** Two instances of the app on one database and one Redis, for the suite that calls this. */
export interface TwoInstances {
  /** In this test process, so a test can reach its services and read model. */
  a: ApiServer;
  /** The app as `npm start` runs it, in a process of its own: it hears of A only through Redis. */
  b: AppProcess;
  redis: TestRedis;
  db: TestDatabase;
}

/**
 * Starts A and B before the suite's tests and stops them after; the fields are set once
 * `beforeAll` has run. Both run on the real clock, as B has no other. Needs Debian's
 * redis-server and a build (`npm run build`).
 */
export function useTwoInstances(env: Record<string, string> = {}): TwoInstances {
  const two = {} as TwoInstances;
  beforeAll(async () => {
    two.db = await useTestDatabase();
    two.redis = await startRedisServer();
    const uri = new URL(inject('mongodbUri'));
    uri.pathname = `/${two.db.dbName}`;
    [two.a, two.b] = await Promise.all([
      startApiServer({ clock: () => new Date(), realtime: { redisUrl: two.redis.url } }),
      startAppProcess({ MONGODB_URI: uri.toString(), REDIS_URL: two.redis.url, ...env }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([two.a?.close(), two.b?.stop()]);
    await two.redis?.stop();
    await two.db?.close();
  });
  return two;
}

/** `offset` days after today on the real clock (UTC), which both instances run on. */
export function dayFromToday(offset: number): string {
  return DateTime.utc().plus({ days: offset }).toISODate() ?? '';
}
