import { io, type Socket } from 'socket.io-client';

import {
  JOIN_EXPERT,
  REALTIME_PATH,
  SLOT_BOOKED,
  type JoinAck,
} from '../../shared/schemas/realtime';

/**
 * One client process of `npm run bench:realtime` (see main.ts): opens its share of the
 * Socket.io clients, joins them to the expert's room and reports each receipt to the parent,
 * stamped with the monotonic clock every process on the machine shares.
 */

export interface ClientsTask {
  type: 'start';
  url: string;
  expertId: string;
  clients: number;
}
export type ClientsReport =
  | { type: 'ready' }
  | { type: 'receipt'; key: string; atNs: string; duplicate: boolean }
  | { type: 'failed'; message: string };

const CONNECT_BATCH = 100;

function report(message: ClientsReport): void {
  process.send?.(message);
}

async function connectOne(task: ClientsTask, sockets: Socket[]): Promise<void> {
  const socket = io(task.url, {
    path: REALTIME_PATH,
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  sockets.push(socket);
  const seen = new Set<string>();
  socket.on(SLOT_BOOKED, (event: { date: string; timeSlot: string }) => {
    const atNs = process.hrtime.bigint().toString();
    const key = `${event.date} ${event.timeSlot}`;
    report({ type: 'receipt', key, atNs, duplicate: seen.has(key) });
    seen.add(key);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const ack = (await socket
    .timeout(10_000)
    .emitWithAck(JOIN_EXPERT, { expertId: task.expertId })) as JoinAck;
  if (!ack.ok) throw new Error(`join refused: ${ack.code}`);
}

async function run(task: ClientsTask, sockets: Socket[]): Promise<void> {
  for (let start = 0; start < task.clients; start += CONNECT_BATCH) {
    const size = Math.min(CONNECT_BATCH, task.clients - start);
    await Promise.all(Array.from({ length: size }, () => connectOne(task, sockets)));
  }
  report({ type: 'ready' });
}

const sockets: Socket[] = [];
function stop(): void {
  for (const socket of sockets) socket.disconnect();
  process.exit(0);
}
// The parent going away, however it went, ends this process too.
process.on('disconnect', stop);
process.on('message', (message: ClientsTask | { type: 'stop' }) => {
  if (message.type === 'stop') return stop();
  run(message, sockets).catch((error: unknown) =>
    report({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
  );
});
