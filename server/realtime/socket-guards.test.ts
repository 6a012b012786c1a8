import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { pino } from 'pino';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';

import { CONSOLE_NAMESPACE, JOIN_CONSOLE } from '../../shared/schemas/console-realtime';
import { JOIN_EXPERT, REALTIME_PATH } from '../../shared/schemas/realtime';
import { EVENT_LIMITS } from './event-limits';
import { attachRealtime, type Realtime } from './socket-server';

/**
 * The handshake's `Origin` check and the per-socket event limits, on a server of their own (the
 * guards need no database: every expert "exists", every cookie is an admin's).
 */

const EXPERT_ID = '0123456789abcdef01234567';
const started: Array<{ http: HttpServer; realtime: Realtime }> = [];
const sockets: Socket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  for (const { http, realtime } of started.splice(0)) {
    http.closeAllConnections();
    await realtime.close();
  }
});

async function startRealtime(appUrl?: string): Promise<string> {
  const http = createServer();
  const realtime = await attachRealtime(http, {
    experts: { exists: () => Promise.resolve(true) },
    readSessionUser: () =>
      Promise.resolve({ id: 'admin-1', email: 'ada@example.com', name: 'Ada', role: 'admin' }),
    appUrl,
    logger: pino({ level: 'silent' }),
  });
  started.push({ http, realtime });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
}

function open(
  url: string,
  {
    origin,
    transport = 'websocket',
  }: { origin?: string; transport?: 'websocket' | 'polling' } = {},
) {
  const socket = io(url, {
    path: REALTIME_PATH,
    transports: [transport],
    forceNew: true,
    reconnection: false,
    extraHeaders: origin ? { origin } : {},
  });
  sockets.push(socket);
  return socket;
}

/** Whether the handshake opened a socket. */
function outcome(socket: Socket): Promise<'connected' | 'refused'> {
  return new Promise((resolve) => {
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', () => resolve('refused'));
  });
}

describe('the handshake’s Origin', () => {
  it('without APP_URL, must name the host the handshake was sent to', async () => {
    const url = await startRealtime();
    for (const transport of ['websocket', 'polling'] as const) {
      expect(await outcome(open(url, { transport, origin: url })), transport).toBe('connected');
      expect(await outcome(open(url, { transport })), transport).toBe('connected');
      for (const origin of ['https://evil.example', 'null', `${url}.evil.example`]) {
        expect(await outcome(open(url, { transport, origin })), `${transport} ${origin}`).toBe(
          'refused',
        );
      }
    }
  });

  it('with APP_URL, must be that address’s origin', async () => {
    const url = await startRealtime('https://booking.example/');
    expect(await outcome(open(url, { origin: 'https://booking.example' }))).toBe('connected');
    expect(await outcome(open(url, { origin: 'http://booking.example' }))).toBe('refused');
    expect(await outcome(open(url, { origin: url }))).toBe('refused');
    expect(await outcome(open(url, { origin: 'https://evil.example' }))).toBe('refused');
  });
});

describe('events per socket', () => {
  it.each([
    ['a page socket', '', JOIN_EXPERT, { expertId: EXPERT_ID }],
    ['a console socket', CONSOLE_NAMESPACE, JOIN_CONSOLE, {}],
  ])(
    '%s sending 100 joins at once gets a burst answered, then is cut off',
    async (_name, nsp, event, request) => {
      const url = await startRealtime();
      const socket = open(`${url}${nsp}`);
      expect(await outcome(socket)).toBe('connected');
      const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));

      let answered = 0;
      for (let i = 0; i < 100; i += 1) socket.emit(event, request, () => (answered += 1));

      expect(await disconnected).toBe('io server disconnect');
      // The burst, and whatever the rate let through meanwhile (generously).
      expect(answered).toBeLessThanOrEqual(EVENT_LIMITS.burst + 5);
    },
  );

  it('answers a socket that keeps to the burst, every time', async () => {
    const url = await startRealtime();
    const socket = open(url);
    expect(await outcome(socket)).toBe('connected');
    const answers = await Promise.all(
      Array.from({ length: EVENT_LIMITS.burst }, () =>
        socket.timeout(10_000).emitWithAck(JOIN_EXPERT, { expertId: EXPERT_ID }),
      ),
    );
    expect(answers).toEqual(Array(EVENT_LIMITS.burst).fill({ ok: true, expertId: EXPERT_ID }));
    expect(socket.connected).toBe(true);
  });
});
