import { io, type Socket } from 'socket.io-client';

import {
  JOIN_EXPERT,
  REALTIME_PATH,
  SLOT_BOOKED,
  type JoinAck,
} from '../../shared/schemas/realtime';

const WAIT_MS = 15_000;

/** A socket listening for one event, that joins rooms with another: a page's or a console's. */
export interface RoomClient<Ack> {
  socket: Socket;
  /** Every payload of the listened event received, as sent. */
  events: unknown[];
  /** Sends a join as a page would (or anything else) and resolves with the server's answer. */
  join(request: unknown): Promise<Ack>;
  /** Resolves once `count` events have arrived; rejects, saying how many did, after a while. */
  waitForEvents(count: number): Promise<unknown[]>;
  /**
   * Resolves once everything the server emitted to this socket before now has arrived: it
   * repeats the last join, and the server's answer travels behind earlier emits on the same
   * connection. After it, `events` is final for what happened so far.
   */
  flush(): Promise<void>;
  close(): void;
}

export type LiveClient = RoomClient<JoinAck>;

/** Waits for `socket` to connect, then collects `event` and joins with `joinEvent`. */
export async function connectRoomClient<Ack>(
  socket: Socket,
  { event, joinEvent, waitMs }: { event: string; joinEvent: string; waitMs: number },
): Promise<RoomClient<Ack>> {
  const events: unknown[] = [];
  const waiters = new Set<() => void>();
  socket.on(event, (payload: unknown) => {
    events.push(payload);
    for (const waiter of waiters) waiter();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });

  let lastJoin: unknown = null;
  const join = async (request: unknown): Promise<Ack> => {
    lastJoin = request;
    return (await socket.timeout(waitMs).emitWithAck(joinEvent, request)) as Ack;
  };

  return {
    socket,
    events,
    join,
    waitForEvents(count) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (events.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(events);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} ${event} events, got ${events.length}`));
        }, waitMs);
        waiters.add(check);
        check();
      });
    },
    async flush() {
      await join(lastJoin);
    },
    close() {
      socket.disconnect();
    },
  };
}

/** A Socket.io client like a detail page's, over a web socket, with no automatic reconnection. */
export function connectLiveClient(baseUrl: string): Promise<LiveClient> {
  const socket = io(baseUrl, {
    path: REALTIME_PATH,
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  return connectRoomClient<JoinAck>(socket, {
    event: SLOT_BOOKED,
    joinEvent: JOIN_EXPERT,
    waitMs: WAIT_MS,
  });
}

/** Connects and joins the expert's room, as the detail page does. */
export async function watchExpert(baseUrl: string, expertId: string): Promise<LiveClient> {
  const client = await connectLiveClient(baseUrl);
  const answer = await client.join({ expertId });
  if (!answer.ok) {
    client.close();
    throw new Error(`join refused: ${answer.code}`);
  }
  return client;
}
