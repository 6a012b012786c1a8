import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import mongoose from 'mongoose';
import { pino } from 'pino';

import { WEEKDAYS } from '../../shared/schemas/availability';
import { ExpertModel } from '../../models';
import { createApp } from '../../server/app';
import { createAuth } from '../../server/auth';
import { loadConfig } from '../../server/config';
import { openDatabase, type Database } from '../../server/db/database';
import { createNotifierRelay } from '../../server/realtime/notifier-relay';
import { attachRealtime } from '../../server/realtime/socket-server';
import { startServices } from '../../server/services';
import type { ClientsReport, ClientsTask } from './clients';
import { positiveInteger } from '../bench/env';
import { markdownTable } from '../bench/markdown-table';
import { formatMs, percentile } from '../bench/stats';

/**
 * `npm run bench:realtime`: how long after a booking's HTTP answer do the pages watching that
 * expert hear about it? Starts its own database (embedded, or a throw-away database on
 * MONGODB_URI) and server on 127.0.0.1, opens BENCH_CLIENTS Socket.io clients (default 1000) in
 * one expert's room, spread over child processes so that they do not share the server's event
 * loop, books BENCH_BOOKINGS slots (default 20) one after another over HTTP, waiting for every
 * client to hear of each, and prints the delivery times. Everything is on one machine, so
 * clients and server still share its CPUs.
 */

const CLIENTS = positiveInteger('BENCH_CLIENTS', 1000);
const BOOKINGS = positiveInteger('BENCH_BOOKINGS', 20);
const CLIENT_PROCESSES = positiveInteger(
  'BENCH_CLIENT_PROCESSES',
  Math.max(1, Math.min(4, os.availableParallelism() - 1)),
);
const DELIVERY_TIMEOUT_MS = 10_000;
const READY_TIMEOUT_MS = 60_000;
const OVERALL_TIMEOUT_MS = 180_000;
const SLOTS_PER_DAY = Array.from({ length: 12 }, (_, i) => {
  const start = String(i + 8).padStart(2, '0');
  const end = String(i + 9).padStart(2, '0');
  return `${start}:00-${end}:00`;
});

function print(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** Milliseconds on the monotonic clock all processes of this machine share. */
function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Each client holds a file descriptor in its process, and its server-side socket one here. */
function checkFileLimit(): void {
  try {
    const limit = execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim();
    const needed = CLIENTS + 200;
    if (limit !== 'unlimited' && Number(limit) < needed) {
      console.warn(`Open-file limit is ${limit}; raise it first: ulimit -n ${needed}`);
    }
  } catch {
    // No shell to ask: carry on, EMFILE will say so.
  }
}

function utcDay(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

interface Slot {
  date: string;
  timeSlot: string;
}

async function seedExpert(): Promise<{ id: string; slots: Slot[] }> {
  const days = Math.ceil(BOOKINGS / SLOTS_PER_DAY.length);
  const hours = [{ start: SLOTS_PER_DAY[0]!.slice(0, 5), end: SLOTS_PER_DAY.at(-1)!.slice(6) }];
  const expert = await ExpertModel.create({
    slug: `bench-${randomBytes(4).toString('hex')}`,
    name: 'Benchmark Expert',
    category: 'Software Engineering',
    experience: 10,
    bio: 'Stands still while a thousand pages watch.',
    timezone: 'UTC',
    availability: {
      sessionMinutes: 60,
      horizonDays: days + 1,
      weeklyHours: Object.fromEntries(WEEKDAYS.map((day) => [day, hours])),
    },
  });
  // From tomorrow (UTC) on, so no slot has started whatever the time of day.
  const slots = Array.from({ length: days }, (_, i) => utcDay(i + 1)).flatMap((date) =>
    SLOTS_PER_DAY.map((timeSlot) => ({ date, timeSlot })),
  );
  return { id: expert._id.toString(), slots: slots.slice(0, BOOKINGS) };
}

/** The API and Socket.io as the app runs them (no pages), on a loopback port. */
async function startBenchServer() {
  const logger = pino({ level: 'silent' });
  const relay = createNotifierRelay();
  const { services, close: closeServices } = await startServices({
    notifier: relay.notifier,
    logger,
  });
  const app = await createApp({
    // A load test from one address: the rate limits would measure themselves.
    config: {
      ...loadConfig({ RATE_LIMIT_WRITES_PER_MINUTE: '0', RATE_LIMIT_REQUESTS_PER_MINUTE: '0' }),
      NODE_ENV: 'production',
      ADMIN_TOKEN: undefined,
    },
    logger,
    services,
    auth: createAuth({
      secret: randomBytes(32).toString('hex'),
      secure: true,
      accounts: services.accounts,
    }),
    createPageHandler: () => (_req, res) => void res.status(404).send('No pages here.'),
  });
  const httpServer = createServer(app);
  const realtime = await attachRealtime(httpServer, { experts: services.experts, logger });
  relay.connect(realtime.notifier);
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeAllConnections();
      await realtime.close();
      await closed;
      await closeServices();
    },
  };
}

/** Receipt times (ms, shared clock) per `date timeSlot`, from every client process. */
class Receipts {
  readonly times = new Map<string, number[]>();
  duplicates = 0;
  private waiter: { key: string; resolve: () => void } | undefined;

  add(key: string, at: number, duplicate: boolean): void {
    if (duplicate) {
      this.duplicates += 1;
      return;
    }
    const list = this.times.get(key) ?? [];
    list.push(at);
    this.times.set(key, list);
    if (this.waiter?.key === key && list.length >= CLIENTS) this.waiter.resolve();
  }

  /** Resolves true once every client has the event for `key`, false after a timeout. */
  waitForAll(key: string): Promise<boolean> {
    if ((this.times.get(key)?.length ?? 0) >= CLIENTS) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        resolve(false);
      }, DELIVERY_TIMEOUT_MS);
      this.waiter = {
        key,
        resolve: () => {
          clearTimeout(timer);
          this.waiter = undefined;
          resolve(true);
        },
      };
    });
  }
}

/** Forks the client processes and resolves once all their clients have joined the room. */
async function startClients(url: string, expertId: string, receipts: Receipts) {
  const script = fileURLToPath(new URL('./clients.ts', import.meta.url));
  const children: ChildProcess[] = [];
  const ready: Promise<void>[] = [];
  for (let i = 0; i < CLIENT_PROCESSES; i++) {
    const share = Math.floor(CLIENTS / CLIENT_PROCESSES) + (i < CLIENTS % CLIENT_PROCESSES ? 1 : 0);
    const child = fork(script, { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    children.push(child);
    ready.push(
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error('clients did not connect in time')),
          READY_TIMEOUT_MS,
        );
        child.on('message', (message: ClientsReport) => {
          if (message.type === 'receipt') {
            receipts.add(message.key, Number(BigInt(message.atNs)) / 1e6, message.duplicate);
          } else if (message.type === 'ready') {
            clearTimeout(timer);
            resolve();
          } else {
            clearTimeout(timer);
            reject(new Error(message.message));
          }
        });
        child.once('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`a client process exited early (code ${code})`));
        });
      }),
    );
    const task: ClientsTask = { type: 'start', url, expertId, clients: share };
    child.send(task);
  }
  const stop = () =>
    Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.removeAllListeners('exit');
            child.once('exit', () => resolve());
            if (child.connected) child.send({ type: 'stop' });
            else child.kill('SIGTERM');
          }),
      ),
    );
  try {
    await Promise.all(ready);
  } catch (error) {
    await stop();
    throw error;
  }
  return { stop };
}

function printTable(fromAnswer: number[], fromRequest: number[]): void {
  const rows = [
    ['', 'from HTTP answer', 'from request sent'],
    ...[50, 95, 99].map((p) => [
      `p${p}`,
      formatMs(percentile(fromAnswer, p)),
      formatMs(percentile(fromRequest, p)),
    ]),
    ['max', formatMs(fromAnswer.at(-1)), formatMs(fromRequest.at(-1))],
  ];
  print(markdownTable(rows, ['left', 'right', 'right']));
}

async function bench(): Promise<void> {
  checkFileLimit();
  const config = loadConfig(process.env);
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'expert-booking-bench-'));
  let database: Database | undefined;
  let server: Awaited<ReturnType<typeof startBenchServer>> | undefined;
  let clients: Awaited<ReturnType<typeof startClients>> | undefined;
  try {
    print(
      config.MONGODB_URI
        ? 'Using a throw-away database on MONGODB_URI…'
        : 'Starting an embedded database…',
    );
    database = await openDatabase({ ...config, DATA_DIR: dataDir }, pino({ level: 'warn' }), {
      dbName: `bench_realtime_${process.pid}_${randomBytes(3).toString('hex')}`,
    });
    const expert = await seedExpert();
    server = await startBenchServer();

    const receipts = new Receipts();
    const connectStarted = nowMs();
    clients = await startClients(server.url, expert.id, receipts);
    print(
      `${CLIENTS} clients in ${CLIENT_PROCESSES} process(es) joined one expert's room in ` +
        `${(nowMs() - connectStarted).toFixed(0)} ms; booking ${BOOKINGS} slots one after another…`,
    );

    const fromAnswer: number[] = [];
    const fromRequest: number[] = [];
    for (const [i, slot] of expert.slots.entries()) {
      const sentAt = nowMs();
      const response = await fetch(`${server.url}/api/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          expertId: expert.id,
          name: 'Bench Booker',
          email: `bench${i}@example.com`,
          phone: '+44 20 7946 0958',
          ...slot,
        }),
      });
      await response.arrayBuffer();
      const answeredAt = nowMs();
      if (response.status !== 201) throw new Error(`booking ${i + 1} answered ${response.status}`);
      // Every client hears of this booking before the next one, so deliveries never queue.
      const key = `${slot.date} ${slot.timeSlot}`;
      await receipts.waitForAll(key);
      for (const at of receipts.times.get(key) ?? []) {
        fromAnswer.push(at - answeredAt);
        fromRequest.push(at - sentAt);
      }
    }

    fromAnswer.sort((x, y) => x - y);
    fromRequest.sort((x, y) => x - y);
    print();
    printTable(fromAnswer, fromRequest);
    print();
    const expected = CLIENTS * BOOKINGS;
    print(
      `received ${fromAnswer.length} of ${expected} (${CLIENTS} clients × ${BOOKINGS} bookings), ` +
        `duplicates ${receipts.duplicates}`,
    );
    print(
      'The server emits as soon as the booking commits, then answers: a negative time means ' +
        'the client heard before the booker did.',
    );
    if (fromAnswer.length !== expected || receipts.duplicates > 0) process.exitCode = 1;
  } finally {
    await clients?.stop();
    await server?.close();
    if (database) {
      await mongoose.connection.dropDatabase().catch(() => undefined);
      await database.close();
    }
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

const deadline = setTimeout(() => {
  console.error(`Benchmark did not finish within ${OVERALL_TIMEOUT_MS / 1000} s; giving up.`);
  process.exit(1);
}, OVERALL_TIMEOUT_MS);
deadline.unref();

bench().then(
  () => clearTimeout(deadline),
  (error: unknown) => {
    console.error(`Benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
