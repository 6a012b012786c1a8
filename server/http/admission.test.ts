import http from 'node:http';
import net from 'node:net';

import mongoose from 'mongoose';
import { inject } from 'vitest';

import { ExpertModel } from '../../models';
import { callApi, startApiServer, useApiServer } from '../../test/support/api-server';
import { startTcpProxy } from '../../test/support/tcp-proxy';
import { runWithDeadline } from './request-deadline';

const MAX_PENDING = 2;
// The database is reached through a proxy a test can freeze: requests then stay in progress.
const proxy = await startTcpProxy(new URL(inject('mongodbUri')).host);
afterAll(() => proxy.close());
const api = await useApiServer({
  config: { DB_MAX_PENDING_REQUESTS: MAX_PENDING },
  databaseHost: proxy.address,
});

/**
 * A request that is admitted and then stays in progress while the database is frozen: a read of
 * a booking. `abandon` hangs up like a client that gave up.
 */
function holdAdmitted(): { abandon(): void } {
  const request = http.request(
    `${api.baseUrl}/api/bookings/${new mongoose.Types.ObjectId().toString()}`,
    { headers: { authorization: `Bearer ${'a'.repeat(32)}` } },
  );
  request.on('error', () => undefined);
  request.end();
  return { abandon: () => request.destroy() };
}

/**
 * A booking whose body never finishes arriving; `abandon` hangs up like a client that gave up.
 */
function holdRequest(
  baseUrl = api.baseUrl,
  headers: Record<string, string> = {},
): { abandon(): void } {
  const request = http.request(`${baseUrl}/api/bookings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': '1000', ...headers },
  });
  request.on('error', () => undefined);
  request.write('{"name":');
  return { abandon: () => request.destroy() };
}

function untilStatus(path: string, status: number, headers: Record<string, string> = {}) {
  return untilStatusAt(api.baseUrl, path, status, headers);
}

async function untilStatusAt(
  baseUrl: string,
  path: string,
  status: number,
  headers: Record<string, string> = {},
) {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const response = await fetch(`${baseUrl}${path}`, { headers });
    if (response.status === status || Date.now() > deadline) return response;
    await response.arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('shedding beyond DB_MAX_PENDING_REQUESTS', () => {
  afterEach(() => proxy.thaw());

  it('answers 503 OVERLOADED with Retry-After at once, and serves again once requests finish', async () => {
    proxy.freeze();
    const held = Array.from({ length: MAX_PENDING }, holdAdmitted);

    // The list is served from memory, so only a full house stops it.
    const refused = await untilStatus('/api/experts', 503);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await refused.json()).toEqual({
      message: expect.stringMatching(/busy/),
      code: 'OVERLOADED',
    });

    const page = await untilStatus('/experts', 503, { accept: 'text/html' });
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toMatch(/We are busy right now/);

    // A client that gives up frees its place.
    held[0]!.abandon();
    expect((await untilStatus('/api/experts', 200)).status).toBe(200);
    held[1]!.abandon();
    const answers = await Promise.all(
      Array.from({ length: MAX_PENDING }, () => callApi(api.baseUrl, '/api/experts')),
    );
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
  });

  it('still answers the health probes while it refuses everything else', async () => {
    proxy.freeze();
    const held = Array.from({ length: MAX_PENDING }, holdAdmitted);
    try {
      expect((await untilStatus('/api/experts', 503)).status).toBe(503);
      const [live, ready] = await Promise.all(
        ['/healthz', '/readyz'].map((path) => fetch(`${api.baseUrl}${path}`)),
      );
      expect(live!.status).toBe(200);
      // Its own answer, of the database it pinged, not the busy one.
      expect(await ready!.json()).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
    } finally {
      for (const request of held) request.abandon();
    }
  });

  it('gives no place to a body still arriving: slow senders shut nobody out', async () => {
    const slow = Array.from({ length: MAX_PENDING * 3 }, () => holdRequest());
    try {
      // Sent after them, answered while all of them still trickle in.
      const answers = await Promise.all(
        Array.from({ length: MAX_PENDING }, () => callApi(api.baseUrl, '/api/experts')),
      );
      expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    } finally {
      for (const request of slow) request.abandon();
    }
  });

  it('gives a body its place once it has all arrived, and refuses it then if there is none', async () => {
    proxy.freeze();
    const held = Array.from({ length: MAX_PENDING }, holdAdmitted);
    try {
      expect((await untilStatus('/api/experts', 503)).status).toBe(503);
      const body = JSON.stringify({ name: 'Ada Lovelace' });
      const answer = new Promise<{ status?: number; body: string }>((resolve, reject) => {
        const request = http.request(`${api.baseUrl}/api/bookings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
        });
        request.on('error', reject);
        request.on('response', (response) => {
          let text = '';
          response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
          response.on('end', () => resolve({ status: response.statusCode, body: text }));
        });
        request.write(body.slice(0, 5));
        setTimeout(() => request.end(body.slice(5)), 200);
      });
      const { status, body: refusal } = await answer;
      expect(status).toBe(503);
      expect(JSON.parse(refusal)).toMatchObject({ code: 'OVERLOADED' });
    } finally {
      for (const request of held) request.abandon();
    }
  });
});

describe('requests in progress per client (DB_MAX_PENDING_PER_CLIENT)', () => {
  it('refuse the client holding its share with 429 and Retry-After, and no one else', async () => {
    const server = await startApiServer({
      config: {
        DB_MAX_PENDING_REQUESTS: 10,
        DB_MAX_PENDING_PER_CLIENT: 2,
        // Clients told apart by the address a proxy on loopback gives for them.
        TRUST_PROXY: ['loopback'],
      },
    });
    const from = (address: string) => ({ 'x-forwarded-for': address });
    try {
      // A stranger's form bodies that never finish arriving, each holding its place.
      const held = [0, 1].map(() => holdRequest(server.baseUrl, from('203.0.113.7')));
      const refused = await untilStatusAt(server.baseUrl, '/api/experts', 429, from('203.0.113.7'));
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(await refused.json()).toMatchObject({ code: 'RATE_LIMITED' });
      const page = await fetch(`${server.baseUrl}/experts`, {
        headers: { accept: 'text/html', ...from('203.0.113.7') },
      });
      expect(page.status).toBe(429);
      expect(await page.text()).toMatch(/Too many requests at once/);

      // Everyone else is served meanwhile.
      const others = await Promise.all(
        ['198.51.100.2', '198.51.100.3', '198.51.100.4'].map((address) =>
          fetch(`${server.baseUrl}/api/experts`, { headers: from(address) }),
        ),
      );
      expect(others.map((answer) => answer.status)).toEqual([200, 200, 200]);

      // An IPv6 client is counted by its /56: another address of the same network is the same.
      const v6 = [1, 2].map((subnet) =>
        holdRequest(server.baseUrl, from(`2001:db8:0:${subnet}::1`)),
      );
      const sameNetwork = await untilStatusAt(
        server.baseUrl,
        '/api/experts',
        429,
        from('2001:db8:0:3::7'),
      );
      expect(sameNetwork.status).toBe(429);
      for (const request of v6) request.abandon();

      // A request that ends gives its client the place back.
      held[0]!.abandon();
      const again = await untilStatusAt(server.baseUrl, '/api/experts', 200, from('203.0.113.7'));
      expect(again.status).toBe(200);
      held[1]!.abandon();
    } finally {
      await server.close();
    }
  });
});

describe('a request still unanswered at its deadline', () => {
  /** Sends the start of a body that never finishes; resolves with the answer the deadline gave. */
  function unfinished(
    baseUrl: string,
    path: string,
    headers: Record<string, string>,
  ): Promise<{ status?: number; retryAfter?: string; body: string }> {
    return new Promise((resolve, reject) => {
      const request = http.request(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-length': '1000', ...headers },
      });
      request.on('error', reject);
      request.on('response', (response) => {
        let body = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        response.on('end', () => {
          resolve({
            status: response.statusCode,
            retryAfter: response.headers['retry-after'],
            body,
          });
          request.destroy();
        });
      });
      request.write('name=');
    });
  }

  it('is answered 408 REQUEST_TIMEOUT then when its body never all arrived, not left hanging', async () => {
    const server = await startApiServer({ config: { REQUEST_TIMEOUT_MS: 300 } });
    try {
      // Its body never finishes arriving, so no handler ever answers it.
      const answer = await unfinished(server.baseUrl, '/api/bookings', {
        'content-type': 'application/json',
      });
      expect(answer.status).toBe(408);
      expect(JSON.parse(answer.body)).toEqual({
        code: 'REQUEST_TIMEOUT',
        message:
          'The request did not all arrive in time, so nothing was done with it. Please send it again.',
      });
    } finally {
      await server.close();
    }
  });

  it('answers a body still trickling in once, and closes its connection with the answer', async () => {
    const server = await startApiServer({
      config: { REQUEST_TIMEOUT_MS: 300 },
      // The server's own limit on a whole request would close the connection much later.
      serverTimeouts: {
        headersTimeoutMs: 1_000,
        requestTimeoutMs: 60_000,
        keepAliveTimeoutMs: 5_000,
        checkIntervalMs: 100,
      },
    });
    const { hostname, port } = new URL(server.baseUrl);
    const socket = net.connect(Number(port), hostname);
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.on('error', () => undefined);
    let received = '';
    socket.setEncoding('latin1').on('data', (chunk: string) => (received += chunk));
    socket.write(
      `POST /api/bookings HTTP/1.1\r\nHost: ${hostname}:${port}\r\nConnection: keep-alive\r\n` +
        'Content-Type: application/json\r\nContent-Length: 200\r\n\r\n{',
    );
    const trickle = setInterval(() => socket.write(' '), 100);
    try {
      // A bound that says "closed with its answer", not how fast.
      await Promise.race([
        closed,
        new Promise((_resolve, reject) =>
          setTimeout(() => reject(new Error('the connection stayed open after its answer')), 5_000),
        ),
      ]);
      expect(received.match(/^HTTP\/1\.1 \d{3}[^\r]*/gm)).toEqual(['HTTP/1.1 408 Request Timeout']);
      expect(received).toMatch(/\r\nConnection: close\r\n/i);
    } finally {
      clearInterval(trickle);
      socket.destroy();
      await server.close();
    }
  });

  it('tells a person whose form never all arrived that nothing was booked', async () => {
    const server = await startApiServer({ config: { REQUEST_TIMEOUT_MS: 300 } });
    try {
      const answer = await unfinished(
        server.baseUrl,
        `/experts/${new mongoose.Types.ObjectId().toString()}`,
        {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'text/html',
        },
      );
      expect(answer.status).toBe(408);
      expect(answer.body).toContain('<h1>Your form did not arrive in time</h1>');
      expect(answer.body).toContain('nothing was booked or changed');
      expect(answer.body).not.toContain('may have been made');
    } finally {
      await server.close();
    }
  });
});

describe('request deadlines on queries', () => {
  function deadline(overrides: { aborted?: boolean; msLeft?: number }) {
    const controller = new AbortController();
    if (overrides.aborted) controller.abort();
    return { signal: controller.signal, expiresAt: Date.now() + (overrides.msLeft ?? 5_000) };
  }

  function inRequest<T>(scope: ReturnType<typeof deadline>, work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      runWithDeadline(scope, () => void work().then(resolve, reject));
    });
  }

  it('refuses the queries of a request whose client left, before they reach the database', async () => {
    await expect(
      inRequest(deadline({ aborted: true }), () => ExpertModel.findOne({}).lean()),
    ).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
  });

  it('refuses the queries of a request whose deadline passed', async () => {
    await expect(
      inRequest(deadline({ msLeft: -1 }), () => ExpertModel.exists({})),
    ).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
  });

  it('sends what is left of the request’s time as maxTimeMS', async () => {
    const sent: unknown[] = [];
    mongoose.set('debug', (_collection: string, method: string, ...args: unknown[]) => {
      if (method === 'find') sent.push(args.at(-1));
    });
    try {
      await inRequest(deadline({ msLeft: 1_500 }), () => ExpertModel.find({}).lean());
    } finally {
      mongoose.set('debug', false);
    }
    const [options] = sent as { maxTimeMS?: number }[];
    expect(options?.maxTimeMS).toBeGreaterThan(1_000);
    expect(options?.maxTimeMS).toBeLessThanOrEqual(1_500);
  });
});
