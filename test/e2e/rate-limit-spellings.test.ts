import { request } from 'node:http';

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { expertIdByName } from '../support/e2e-api';
import { startE2eServer, type E2eServer } from '../support/e2e-server';

/**
 * The write limits count a request by the route the routers match it to, not by its raw path:
 * each spelling below reaches the same handler as the plain one (shown by its answer), and counts
 * towards the same limit. Requests go out as written (fetch would resolve dot segments first),
 * each pair from an address of its own behind a trusted proxy.
 */

let server: E2eServer;
let lastAddress = 0;

beforeAll(async () => {
  server = await startE2eServer(inject('mongodbUri'), {
    config: { TRUST_PROXY: 'loopback', RATE_LIMIT_WRITES_PER_MINUTE: '1' },
  });
});

afterAll(async () => {
  await server?.close();
});

function newAddress(): string {
  lastAddress += 1;
  return `203.0.113.${lastAddress}`;
}

interface Answer {
  status: number;
  body: string;
}

/** A POST with the path exactly as given. */
function post(
  path: string,
  from: string,
  kind: 'json' | 'form',
  accept = kind === 'json' ? 'application/json' : 'text/html',
): Promise<Answer> {
  const { hostname, port } = new URL(server.url);
  const body = kind === 'json' ? '{}' : 'email=not-an-address';
  return new Promise((resolve, reject) => {
    const req = request(
      {
        hostname,
        port,
        path,
        method: 'POST',
        headers: {
          'x-forwarded-for': from,
          origin: server.url,
          accept,
          'content-type':
            kind === 'json' ? 'application/json' : 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Which handler answered: the API's error code, or the page's title. */
function handlerOf({ body }: Answer): string {
  return body.startsWith('{')
    ? String((JSON.parse(body) as { code?: unknown }).code)
    : (/<title>([^<]*)<\/title>/.exec(body)?.[1] ?? body.slice(0, 80));
}

const API: Array<[string, string]> = [
  ['/API/Bookings', '/api/bookings'],
  ['/api/bookings/', '/api/bookings'],
  ['/api//bookings', '/api/bookings'],
];

const PAGES: Array<[string, string]> = [
  ['/BOOKINGS?index', '/bookings?index'],
  ['/%62ookings?index', '/bookings?index'],
  ['/bookings/?index', '/bookings?index'],
  ['/bookings//?index', '/bookings?index'],
  ['/x/../bookings?index', '/bookings?index'],
  ['/%2e%2e/bookings?index', '/bookings?index'],
  ['/x\\..\\bookings?index', '/bookings?index'],
  ['/./bookings?index', '/bookings?index'],
  ['/LOGIN', '/login'],
  ['/%4cOGIN', '/login'],
  ['/login//', '/login'],
  ['/x/../login', '/login'],
  ['/Login/LINK', '/login/link'],
  ['/login/%6cink/', '/login/link'],
];

describe('the write limits, whatever the spelling of the route', () => {
  it.each([
    ...API.map(([spelling, plain]) => [spelling, plain, 'json'] as const),
    ...PAGES.map(([spelling, plain]) => [spelling, plain, 'form'] as const),
  ])('%s reaches the handler of %s and counts with it', async (spelling, plain, kind) => {
    const handler = await post(plain, newAddress(), kind);
    expect(handler.status).not.toBe(429);

    const spellingFirst = newAddress();
    const reached = await post(spelling, spellingFirst, kind);
    expect({ status: reached.status, handler: handlerOf(reached) }).toEqual({
      status: handler.status,
      handler: handlerOf(handler),
    });
    expect((await post(plain, spellingFirst, kind)).status).toBe(429);

    const plainFirst = newAddress();
    expect((await post(plain, plainFirst, kind)).status).toBe(handler.status);
    expect((await post(spelling, plainFirst, kind)).status).toBe(429);
  });

  it('refuses an API spelling with the API’s JSON even to a browser', async () => {
    const from = newAddress();
    const browser = 'text/html,application/xhtml+xml,*/*;q=0.8';
    expect((await post('/api/bookings', from, 'json', browser)).status).not.toBe(429);
    const refused = await post('/API/Bookings', from, 'json', browser);
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body)).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('counts an expert page’s booking form under any spelling', async () => {
    const id = await expertIdByName(server.url, server.experts[0]!.name);
    const plain = `/experts/${id}`;
    const handler = await post(plain, newAddress(), 'form');
    expect(handler.status).not.toBe(429);
    for (const spelling of [`/EXPERTS/${id}`, `/%65xperts/${id}/`, `/x/../experts/${id}`]) {
      const from = newAddress();
      const reached = await post(spelling, from, 'form');
      expect(handlerOf(reached), spelling).toBe(handlerOf(handler));
      expect((await post(plain, from, 'form')).status, spelling).toBe(429);
    }
  });
});
