import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import mongoose from 'mongoose';
import { pino, type Logger } from 'pino';

import { cacheDirFromEnv } from './cache-dir';
import { startEmbeddedServer, type EmbeddedServer } from './embedded-server';
import { insertInChunks } from './insert-in-chunks';
import { startSqliteFerretdb } from './sqlite-ferretdb';

/**
 * `npm run bench:embedded-db`: the figures behind docs/decisions/004. Starts the embedded stack
 * (FerretDB on PostgreSQL) cold and warm, durable and not; times sequential writes; then loads
 * BENCH_BOOKINGS booking-shaped documents (default 20,000) into FerretDB on SQLite and on
 * PostgreSQL and times the reads the pages make, median of a few runs each. Everything runs in
 * throw-away folders under the system's temporary folder; prints Markdown tables.
 */

const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 20_000);
const EXPERTS = 72;
const EMAILS = 500;
const cacheDir = cacheDirFromEnv();
const logger = pino({ level: 'warn' });

function print(line = ''): void {
  process.stdout.write(`${line}\n`);
}

function table(header: string[], rows: string[][]): void {
  print(`| ${header.join(' | ')} |`);
  print(`| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`);
  for (const row of rows) print(`| ${row.join(' | ')} |`);
  print();
}

async function timed<T>(work: () => Promise<T>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

function ms(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${Math.round(value)} ms`;
}

async function median(runs: number, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timed(work));
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

async function throwAwayDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'expert-booking-bench-db-'));
}

async function lifecycle(durable: boolean): Promise<string[]> {
  const dataDir = await throwAwayDir();
  try {
    let server: EmbeddedServer | undefined;
    const start = () =>
      timed(
        async () => (server = await startEmbeddedServer({ dataDir, cacheDir, logger, durable })),
      );
    const cold = await start();
    await server!.stop();
    const warm = await start();
    const client = await new mongoose.mongo.MongoClient(server!.uri).connect();
    const notes = client.db('bench').collection('notes');
    await notes.createIndex({ n: 1 }, { unique: true });
    const writes = await timed(async () => {
      for (let n = 0; n < 500; n++) await notes.insertOne({ n });
    });
    await client.close();
    const stop = await timed(() => server!.stop());
    return [durable ? 'yes' : 'no (tests)', ms(cold), ms(warm), ms(stop), ms(writes / 500)];
  } finally {
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

const expertIds = Array.from({ length: EXPERTS }, () => new mongoose.mongo.ObjectId());

function booking(i: number) {
  const day = new Date(Date.UTC(2026, 0, 1) + (i % 300) * 86_400_000);
  return {
    expertId: expertIds[i % EXPERTS]!,
    expertName: `Expert ${i % EXPERTS}`,
    name: `Client ${i}`,
    email: `client${i % EMAILS}@example.com`,
    phone: '+44 20 7946 0958',
    date: day.toISOString().slice(0, 10),
    timeSlot: `${String(8 + (i % 10)).padStart(2, '0')}:00-${String(9 + (i % 10)).padStart(2, '0')}:00`,
    startsAt: day,
    notes: 'Career advice',
    status: 'Completed',
    history: [{ status: 'Pending', at: day }],
    createdAt: day,
  };
}

/** The reads a page makes, on the collection of BOOKINGS bookings. */
const reads: [string, (bookings: mongoose.mongo.Collection) => Promise<unknown>][] = [
  ['find by _id', (b) => b.findOne({ _id: sampleId })],
  ['find by email', (b) => b.find({ email: 'client7@example.com' }).toArray()],
  [
    'find by {expertId, date}',
    (b) => b.find({ expertId: expertIds[7], date: '2026-03-01' }).toArray(),
  ],
  ['find by expertId', (b) => b.find({ expertId: expertIds[7] }).toArray()],
  ['find by expertId $in', (b) => b.find({ expertId: { $in: expertIds.slice(0, 2) } }).toArray()],
  ['countDocuments by expertId', (b) => b.countDocuments({ expertId: expertIds[7] })],
];
let sampleId: mongoose.mongo.ObjectId;

async function readTimes(uri: string, runs: number): Promise<number[]> {
  const client = await new mongoose.mongo.MongoClient(uri).connect();
  try {
    const bookings = client.db('bench').collection('bookings');
    await bookings.createIndex({ email: 1 });
    await bookings.createIndex({ expertId: 1, date: 1 });
    await insertInChunks(
      bookings,
      Array.from({ length: BOOKINGS }, (_, i) => booking(i)),
    );
    sampleId = (await bookings.findOne({ email: 'client9@example.com' }))!._id;
    const times: number[] = [];
    for (const [, read] of reads) times.push(await median(runs, () => read(bookings)));
    return times;
  } finally {
    await client.close();
  }
}

/** The read times on a server that `start` runs in a throw-away folder, removed afterwards. */
async function readTimesOn(
  start: (options: {
    dataDir: string;
    cacheDir: string;
    logger: Logger;
  }) => Promise<{ uri: string; stop(): Promise<void> }>,
  runs: number,
): Promise<number[]> {
  const dataDir = await throwAwayDir();
  const server = await start({ dataDir, cacheDir, logger });
  try {
    return await readTimes(server.uri, runs);
  } finally {
    await server.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

print(`Embedded database on ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}`);
print();
print('Start and stop of FerretDB on PostgreSQL (cold: a new folder, with initdb), one write:');
print();
table(
  ['durable', 'cold start', 'warm start', 'stop', 'insertOne (500 in a row, mean)'],
  [await lifecycle(true), await lifecycle(false)],
);

print(`Reads on ${BOOKINGS.toLocaleString('en')} bookings of ${EXPERTS} experts (median):`);
print();
const sqlite = await readTimesOn(startSqliteFerretdb, 3);
const postgres = await readTimesOn(startEmbeddedServer, 7);
table(
  ['read', 'SQLite handler', 'PostgreSQL handler'],
  reads.map(([name], i) => [name, ms(sqlite[i]!), ms(postgres[i]!)]),
);
