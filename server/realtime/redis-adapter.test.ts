import { createServer } from 'node:http';

import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { findFreePort } from '../../processes';
import { callApi, startApiServer } from '../../test/support/api-server';
import { bookingInput, createExpert } from '../../test/support/builders';
import { connectConsole, type ConsoleClient } from '../../test/support/console-client';
import { useTestDatabase } from '../../test/support/database';
import { watchExpert, type LiveClient } from '../../test/support/live-client';
import { startRedisServer, type TestRedis } from '../../harness';
import { createUser } from '../../test/support/sign-in';
import { attachRealtime } from './socket-server';

// Needs Debian's redis-server (`.ci/run` installs it); without it the set-up fails and says so.
describe('two instances sharing Redis', () => {
  const clients: LiveClient[] = [];
  const consoles: ConsoleClient[] = [];
  let redis: TestRedis;
  let db: Awaited<ReturnType<typeof useTestDatabase>>;
  let a: Awaited<ReturnType<typeof startApiServer>>;
  let b: Awaited<ReturnType<typeof startApiServer>>;

  beforeAll(async () => {
    db = await useTestDatabase();
    redis = await startRedisServer();
    // Two HTTP servers, two Socket.io servers, one database and one Redis: two app instances.
    [a, b] = await Promise.all([
      startApiServer({ realtime: { redisUrl: redis.url } }),
      startApiServer({ realtime: { redisUrl: redis.url } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await redis?.stop();
    await db?.close();
  });
  beforeEach(async () => {
    await db.reset();
  });
  afterEach(() => {
    for (const client of [...clients.splice(0), ...consoles.splice(0)]) client.close();
  });

  async function watch(baseUrl: string, expertId: string, count = 1) {
    const joined = await Promise.all(
      Array.from({ length: count }, () => watchExpert(baseUrl, expertId)),
    );
    clients.push(...joined);
    return joined;
  }

  async function bookThrough(baseUrl: string, expertId: string, timeSlot: string) {
    const input = bookingInput(expertId, { timeSlot });
    const answer = await callApi(baseUrl, '/api/bookings', { method: 'POST', json: input });
    expect(answer.status).toBe(201);
    return { expertId, date: input.date, timeSlot };
  }

  it('delivers a booking made through A to clients on B (and on A), once each', async () => {
    const [expert, other] = await Promise.all([createExpert(), createExpert()]);
    const onB = await watch(b.baseUrl, expert.id, 25);
    const onA = await watch(a.baseUrl, expert.id, 25);
    const otherOnB = await watch(b.baseUrl, other.id, 5);

    const first = await bookThrough(a.baseUrl, expert.id, '09:00-10:00');
    // A second booking through A marks the end: Redis keeps one publisher's messages in order.
    const second = await bookThrough(a.baseUrl, expert.id, '10:00-11:00');
    await Promise.all([...onA, ...onB].map((client) => client.waitForEvents(2)));

    for (const client of [...onA, ...onB]) expect(client.events).toStrictEqual([first, second]);
    // The other expert's room, on B, hears its own booking and nothing before it.
    const otherBooked = await bookThrough(a.baseUrl, other.id, '09:00-10:00');
    await Promise.all(otherOnB.map((client) => client.waitForEvents(1)));
    for (const client of otherOnB) expect(client.events).toStrictEqual([otherBooked]);
  });

  it('delivers the consoles’ booking_changed between instances too', async () => {
    const expert = await createExpert();
    const user = await createUser({ role: 'expert', expertId: expert.id });
    const onB = await connectConsole(b.baseUrl, user);
    consoles.push(onB);
    expect(await onB.join({ expertId: expert.id })).toEqual({ ok: true });

    const booked = await bookThrough(a.baseUrl, expert.id, '09:00-10:00');

    await onB.waitForEvents(1);
    expect(onB.events).toMatchObject([{ change: 'booked', ...booked }]);
  });

  it('delivers a booking made through B to a client on A', async () => {
    const expert = await createExpert();
    const [onA] = await watch(a.baseUrl, expert.id);

    const booked = await bookThrough(b.baseUrl, expert.id, '14:00-15:00');
    await onA!.waitForEvents(1);

    expect(onA!.events).toStrictEqual([booked]);
  });
});

describe('an unreachable Redis', () => {
  it('stops start-up with one clear error instead of waiting forever', async () => {
    const port = await findFreePort();
    const httpServer = createServer();

    await expect(
      attachRealtime(httpServer, {
        experts: { exists: () => Promise.resolve(true) },
        redisUrl: `redis://:secret@127.0.0.1:${port}`,
        logger: pino({ level: 'silent' }),
      }),
    ).rejects.toThrow(new RegExp(`^Could not connect to Redis at redis://127\\.0\\.0\\.1:${port}`));
  });
});
