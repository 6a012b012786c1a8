import { io, type Socket } from 'socket.io-client';

import {
  BOOKING_CHANGED,
  CONSOLE_NAMESPACE,
  JOIN_CONSOLE,
  type ConsoleJoinAck,
} from '../../app/schemas/console-realtime';
import { REALTIME_PATH } from '../../app/schemas/realtime';
import { signedInCookie } from './session-cookie';
import type { TestUser } from './sign-in';

const WAIT_MS = 10_000;

export interface ConsoleClient {
  socket: Socket;
  /** Every `booking_changed` payload received, as sent. */
  events: unknown[];
  join(request: unknown): Promise<ConsoleJoinAck>;
  /** Resolves once `count` events have arrived; rejects, saying how many did, after a while. */
  waitForEvents(count: number): Promise<void>;
  /** Everything emitted to this socket before now has arrived once the server answers a join. */
  flush(): Promise<void>;
  close(): void;
}

/** A socket of the console namespace, carrying `cookie` as a browser would; no reconnection. */
export function openConsoleSocket(baseUrl: string, cookie?: string): Socket {
  return io(`${baseUrl}${CONSOLE_NAMESPACE}`, {
    path: REALTIME_PATH,
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: cookie ? { cookie } : {},
  });
}

/** The handshake's refusal, as the browser's `connect_error` sees it. */
export function refusal(socket: Socket): Promise<{ message: string; data: unknown }> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('the handshake was accepted')));
    socket.once('connect_error', (error: Error & { data?: unknown }) =>
      resolve({ message: error.message, data: error.data }),
    );
  });
}

/** Signs `user` in and connects a console socket with that session, as the console page does. */
export async function connectConsole(baseUrl: string, user: TestUser): Promise<ConsoleClient> {
  const socket = openConsoleSocket(baseUrl, await signedInCookie(baseUrl, user));
  const events: unknown[] = [];
  const waiters = new Set<() => void>();
  socket.on(BOOKING_CHANGED, (payload: unknown) => {
    events.push(payload);
    for (const waiter of waiters) waiter();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  let lastJoin: unknown = {};
  const join = async (request: unknown) => {
    lastJoin = request;
    return (await socket.timeout(WAIT_MS).emitWithAck(JOIN_CONSOLE, request)) as ConsoleJoinAck;
  };
  return {
    socket,
    events,
    join,
    waitForEvents: (count) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (events.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} booking_changed events, got ${events.length}`));
        }, WAIT_MS);
        waiters.add(check);
        check();
      }),
    async flush() {
      await join(lastJoin);
    },
    close() {
      socket.disconnect();
    },
  };
}
