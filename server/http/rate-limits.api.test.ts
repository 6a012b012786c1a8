import { startApiServer, type ApiServer } from '../../test/support/api-server';
import { useTestDatabase, type TestDatabase } from '../../test/support/database';
import { startRedisServer, type TestRedis } from '../../harness';

/** Short enough to see a reset, long enough that one test's requests fit in one window. */
const WINDOW_MS = 2_000;
const WRITES = 2;
const REQUESTS = 3;
const SOME_EXPERT = '/experts/0123456789abcdef01234567';

let db: TestDatabase;
const servers: ApiServer[] = [];
let redis: TestRedis | undefined;

beforeAll(async () => {
  db = await useTestDatabase();
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await redis?.stop();
  await db.close();
});

async function server(options: Parameters<typeof startApiServer>[0]) {
  const started = await startApiServer({ rateLimitWindowMs: WINDOW_MS, ...options });
  servers.push(started);
  return started.baseUrl;
}

function send(baseUrl: string, path: string, init: RequestInit = {}) {
  return fetch(`${baseUrl}${path}`, init);
}

const bookingPost = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' };

async function expectRateLimitedJson(response: Response) {
  expect(response.status).toBe(429);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const retryAfter = Number(response.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(WINDOW_MS / 1000);
  expect(await response.json()).toEqual({
    message: expect.stringMatching(/Too many requests/),
    code: 'RATE_LIMITED',
  });
  return retryAfter;
}

async function afterSeconds(seconds: number) {
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000 + 100));
}

describe('booking writes limit (RATE_LIMIT_WRITES_PER_MINUTE)', () => {
  it('trips on the API and the booking pages alike, leaves reads alone, and resets', async () => {
    const url = await server({
      config: { RATE_LIMIT_WRITES_PER_MINUTE: WRITES, RATE_LIMIT_REQUESTS_PER_MINUTE: 0 },
    });
    for (let i = 0; i < WRITES; i += 1) {
      expect((await send(url, '/api/bookings', bookingPost)).status).toBe(400);
    }
    const retryAfter = await expectRateLimitedJson(await send(url, '/api/bookings', bookingPost));

    const page = await send(url, SOME_EXPERT, {
      method: 'POST',
      headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=A',
    });
    expect(page.status).toBe(429);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toMatch(/Please slow down/);
    expect(
      (
        await send(url, '/bookings/some-booking?_data=routes%2Fbookings.%24id', {
          method: 'POST',
        })
      ).status,
    ).toBe(429);
    // "Send me my links" sends mail: limited like a booking.
    expect((await send(url, '/bookings?index', { method: 'POST' })).status).toBe(429);

    expect((await send(url, '/api/experts')).status).toBe(200);
    expect((await send(url, SOME_EXPERT)).status).toBe(404);

    await afterSeconds(retryAfter);
    expect((await send(url, '/api/bookings', bookingPost)).status).toBe(400);
  });

  it('counts sign-in attempts on their own', async () => {
    const url = await server({
      config: { RATE_LIMIT_WRITES_PER_MINUTE: WRITES, RATE_LIMIT_REQUESTS_PER_MINUTE: 0 },
    });
    const signIn = {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=someone%40example.com&password=guess',
    };
    for (let i = 0; i < WRITES; i += 1) {
      // No sign-in page yet: the API tests' page stub answers.
      expect((await send(url, '/login', signIn)).status).toBe(404);
    }
    const retryAfter = await expectRateLimitedJson(await send(url, '/login', signIn));
    expect((await send(url, '/api/bookings', bookingPost)).status).toBe(400);

    await afterSeconds(retryAfter);
    expect((await send(url, '/login', signIn)).status).toBe(404);
  });
});

describe('general limit (RATE_LIMIT_REQUESTS_PER_MINUTE)', () => {
  it('trips on any request, never on health probes or static files, and resets', async () => {
    const url = await server({
      config: { RATE_LIMIT_WRITES_PER_MINUTE: 0, RATE_LIMIT_REQUESTS_PER_MINUTE: REQUESTS },
    });
    for (let i = 0; i < REQUESTS; i += 1) {
      expect((await send(url, '/api/experts')).status).toBe(200);
    }
    const retryAfter = await expectRateLimitedJson(await send(url, '/api/experts'));
    expect((await send(url, '/experts', { headers: { accept: 'text/html' } })).status).toBe(429);

    for (const path of ['/healthz', '/readyz', '/favicon.svg']) {
      expect((await send(url, path)).status, path).toBe(200);
    }

    await afterSeconds(retryAfter);
    expect((await send(url, '/api/experts')).status).toBe(200);
  });

  it('counts each client behind a trusted proxy on its own (TRUST_PROXY)', async () => {
    const url = await server({
      config: {
        RATE_LIMIT_WRITES_PER_MINUTE: 0,
        RATE_LIMIT_REQUESTS_PER_MINUTE: 1,
        TRUST_PROXY: ['loopback'],
      },
    });
    const from = (client: string) =>
      send(url, '/api/experts', { headers: { 'x-forwarded-for': client } });
    expect((await from('203.0.113.1')).status).toBe(200);
    expect((await from('203.0.113.2')).status).toBe(200);
    await expectRateLimitedJson(await from('203.0.113.1'));
  });
});

describe('with REDIS_URL', () => {
  it('shares the counts between instances', async () => {
    redis = await startRedisServer();
    const config = { RATE_LIMIT_WRITES_PER_MINUTE: WRITES, RATE_LIMIT_REQUESTS_PER_MINUTE: 0 };
    const [a, b] = await Promise.all([
      server({ config, rateLimitRedisUrl: redis.url }),
      server({ config, rateLimitRedisUrl: redis.url }),
    ]);
    expect((await send(a, '/api/bookings', bookingPost)).status).toBe(400);
    expect((await send(b, '/api/bookings', bookingPost)).status).toBe(400);
    const retryAfter = await expectRateLimitedJson(await send(a, '/api/bookings', bookingPost));
    await expectRateLimitedJson(await send(b, '/api/bookings', bookingPost));

    await afterSeconds(retryAfter);
    expect((await send(b, '/api/bookings', bookingPost)).status).toBe(400);
  });
});
