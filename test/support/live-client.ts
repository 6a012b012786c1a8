import { io, type Socket } from 'socket.io-client';

import { JOIN_EXPERT, REALTIME_PATH, SLOT_BOOKED, type JoinAck } from '../../app/schemas/realtime';

const WAIT_MS = 15_000;

export interface LiveClient {
  socket: Socket;
  /** Every `slot_booked` payload received, as sent. */
  events: unknown[];
  /** Sends a join as a page would (or anything else) and resolves with the server's answer. */
  join(request: unknown): Promise<JoinAck>;
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

/** A Socket.io client like a detail page's, over a web socket, with no automatic reconnection. */
export async function connectLiveClient(baseUrl: string): Promise<LiveClient> {
  const socket = io(baseUrl, {
    path: REALTIME_PATH,
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  const events: unknown[] = [];
  const waiters = new Set<() => void>();
  socket.on(SLOT_BOOKED, (payload: unknown) => {
    events.push(payload);
    for (const waiter of waiters) waiter();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });

  let lastJoin: unknown = null;
  const join = async (request: unknown): Promise<JoinAck> => {
    lastJoin = request;
    return (await socket.timeout(WAIT_MS).emitWithAck(JOIN_EXPERT, request)) as JoinAck;
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
          reject(new Error(`expected ${count} slot_booked events, got ${events.length}`));
        }, WAIT_MS);
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
