import http from 'node:http';
import net from 'node:net';

import { describe, expect, it } from 'vitest';

import { useApiServer } from '../../test/support/api-server';

const api = await useApiServer();

/** Sends `target` as the request line's target, as a client talking to a proxy would. */
function requestWithTarget(
  method: string,
  target: string,
  headers: Record<string, string> = {},
): Promise<{ status?: number; body: string }> {
  const { hostname, port } = new URL(api.baseUrl);
  return new Promise((resolve, reject) => {
    const request = http.request({ hostname, port, method, path: target, headers }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

/** Sends `request` as it is, for what no HTTP client sends; resolves with all that came back. */
function rawExchange(request: string): Promise<string> {
  const { hostname, port } = new URL(api.baseUrl);
  const socket = net.connect(Number(port), hostname);
  let received = '';
  socket.setEncoding('latin1').on('data', (chunk: string) => (received += chunk));
  socket.end(request);
  return new Promise((resolve) => socket.once('close', () => resolve(received)));
}

const REFUSED = JSON.stringify({
  message: 'The request target must be a path, like /experts, and the Host a host name.',
  code: 'BAD_REQUEST',
});

describe('a request target that is not a path', () => {
  it.each([
    ['GET', 'http://evil.example/experts'],
    ['GET', 'http://127.0.0.1/api/experts'],
    ['GET', '*'],
    ['OPTIONS', '*'],
  ])('%s %s is refused with 400 and the API error, never a 500', async (method, target) => {
    const answer = await requestWithTarget(method, target);
    expect(answer).toEqual({
      status: 400,
      body: REFUSED,
    });
  });

  it('leaves paths alone', async () => {
    expect((await requestWithTarget('GET', '/api/experts')).status).toBe(200);
  });
});

describe('a Host that is not a host', () => {
  it.each<[string, Record<string, string>]>([
    ['a path and a query in it', { host: '127.0.0.1/experts/abc?day=2030-01-01&' }],
    ['a backslash path', { host: '127.0.0.1\\experts\\abc#' }],
    ['a space', { host: 'a b' }],
    ['credentials', { host: 'u@evil.example' }],
    ['a port out of range', { host: 'x:99999' }],
    ['an unclosed IPv6 bracket', { host: '[::1' }],
    ...['[1]', '[:]', '[:::::]', '[1.2.3.4]', '[::1::]'].map(
      (host): [string, Record<string, string>] => [
        `no IPv6 address in brackets (${host})`,
        { host },
      ],
    ),
    ['a forwarded host with a port out of range', { 'x-forwarded-host': 'x:99999' }],
  ])('with %s is refused with 400, never reaching a page or a limit', async (_, headers) => {
    expect(await requestWithTarget('POST', '/anything', headers)).toEqual({
      status: 400,
      body: REFUSED,
    });
  });

  it('that is missing is refused the same way, over HTTP/1.1', async () => {
    const received = await rawExchange('GET /api/experts HTTP/1.1\r\nConnection: close\r\n\r\n');
    expect(received).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(received).toMatch(/\r\nContent-Type: application\/json; charset=utf-8\r\n/);
    expect(received.slice(received.indexOf('\r\n\r\n') + 4)).toBe(REFUSED);
  });

  it('that is sent twice is refused the same way', async () => {
    const received = await rawExchange(
      'GET /api/experts HTTP/1.1\r\nHost: localhost\r\nHost: elsewhere.example\r\nConnection: close\r\n\r\n',
    );
    expect(received).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(received.slice(received.indexOf('\r\n\r\n') + 4)).toBe(REFUSED);
  });

  it('that is missing is taken over HTTP/1.0, which has none', async () => {
    expect(await rawExchange('GET /api/experts HTTP/1.0\r\n\r\n')).toMatch(
      /^HTTP\/1\.1 200 OK\r\n/,
    );
  });

  it.each(['localhost:3000', 'expert-booking.example', '[::1]:3000', '127.0.0.1'])(
    'leaves %s alone',
    async (host) => {
      expect((await requestWithTarget('GET', '/api/experts', { host })).status).toBe(200);
    },
  );
});

describe('an address that is not valid percent-encoding', () => {
  it.each(['/api/bookings/%', '/api/experts/%E0%A4', '/api/experts/%/reviews'])(
    '%s is a 400 BAD_REQUEST, not a failure of ours',
    async (path) => {
      const answer = await requestWithTarget('GET', path);
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body)).toMatchObject({ code: 'BAD_REQUEST' });
    },
  );
});
