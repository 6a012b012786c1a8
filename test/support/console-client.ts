import { io, type Socket } from 'socket.io-client';

import {
  BOOKING_CHANGED,
  CONSOLE_NAMESPACE,
  JOIN_CONSOLE,
  type ConsoleJoinAck,
} from '../../shared/schemas/console-realtime';
import { REALTIME_PATH } from '../../shared/schemas/realtime';
import { connectRoomClient, type RoomClient } from './live-client';
import { signedInCookie } from './session-cookie';
import type { TestUser } from './sign-in';

const WAIT_MS = 10_000;

export type ConsoleClient = RoomClient<ConsoleJoinAck>;

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
  return connectRoomClient<ConsoleJoinAck>(socket, {
    event: BOOKING_CHANGED,
    joinEvent: JOIN_CONSOLE,
    waitMs: WAIT_MS,
  });
}
