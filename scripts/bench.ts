import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import mongoose from 'mongoose';
import { pino } from 'pino';

import { loadConfigFromEnvironment } from '../server/config';
import { openDatabase, type Database } from '../server/db/database';
import { startAppProcess, type AppProcess } from './bench/app-process';
import { benchCalls, bookingBody, type BenchCall } from './bench/calls';
import { withDatabaseName } from './bench/database-uri';
import { buildDataset, type Dataset } from './bench/dataset';
import { positiveInteger } from './bench/env';
import type { CallFigures, OverloadFigures, RaceFigures } from './bench/goals';
import { loadDriver, loadHttp, stopLoad } from './bench/load';
import { renderReport, type RunFacts } from './bench/report';
import { formatMs } from './bench/stats';

/**
 * `npm run bench`: builds a large data set in a database of its own (a throw-away embedded
 * server, or a throw-away database on MONGODB_URI), runs the app as `npm start` does in a child
 * process on loopback, and measures each call alone and under load, beside the raw driver doing
 * the same database work. Prints a Markdown table; `--out FILE` also writes it to FILE.
 * Everything it starts, it stops: on success, on failure and on Ctrl+C.
 */

const USAGE = 'Usage: npm run bench [-- --out docs/benchmarks.md]';
const SECONDS = positiveInteger('BENCH_DURATION', 10);
const CONNECTIONS = positiveInteger('BENCH_CONNECTIONS', 50);
const EXPERTS = positiveInteger('BENCH_EXPERTS', 1000);
const BOOKINGS = positiveInteger('BENCH_BOOKINGS', 100_000);
const ALONE_REQUESTS = positiveInteger('BENCH_ALONE_REQUESTS', 200);
const RACERS = positiveInteger('BENCH_RACE', 1000);
const OVERLOAD_CONNECTIONS = positiveInteger('BENCH_OVERLOAD_CONNECTIONS', 500);
const PAST_SHARE = 0.9;
/** Longest wait for the server to finish work left over from a run before the next starts. */
const SETTLE_LIMIT_MS = 180_000;
/** How long the request right after the overload may take before it counts as unanswered. */
const AFTER_LIMIT_MS = 60_000;

function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

function parseArgs(args: readonly string[]): { out?: string } | 'help' {
  if (args.includes('--help') || args.includes('-h')) return 'help';
  if (args.length === 0) return {};
  if (args.length === 2 && args[0] === '--out' && args[1]) return { out: args[1] };
  throw new Error(`Unknown arguments: ${args.join(' ')}\n${USAGE}`);
}

function commit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { encoding: 'utf8' }).trim();
    return dirty ? `${head} (with uncommitted changes)` : head;
  } catch {
    return 'unknown';
  }
}

async function describeBackend(database: Database): Promise<string> {
  const info = await mongoose.connection.db!.admin().command({ buildInfo: 1 });
  const server =
    typeof info.ferretdbVersion === 'string'
      ? `FerretDB ${info.ferretdbVersion}`
      : `MongoDB ${String(info.version)}`;
  return database.embedded ? `embedded ${server}` : `${server} on MONGODB_URI`;
}

/** One request's status and time; status 0 when it got no answer within the limit. */
async function timeOne(
  url: string,
  limitMs = SETTLE_LIMIT_MS,
): Promise<{ status: number; ms: number }> {
  const sent = performance.now();
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(limitMs) });
    await response.arrayBuffer();
    return { status: response.status, ms: performance.now() - sent };
  } catch {
    return { status: 0, ms: performance.now() - sent };
  }
}

/**
 * Waits until a cheap request is as quick as it was before any load: work left over from a run
 * (requests whose clients gave up) must not be billed to the next one.
 */
async function settler(probeUrl: string) {
  let quiet = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) quiet = Math.min(quiet, (await timeOne(probeUrl)).ms);
  return async () => {
    const started = performance.now();
    while (performance.now() - started < SETTLE_LIMIT_MS) {
      const { ms } = await timeOne(probeUrl);
      if (ms <= Math.max(2 * quiet, quiet + 20)) break;
    }
    const waited = performance.now() - started;
    if (waited > 1000) say(`  (waited ${formatMs(waited)} for the server to finish earlier work)`);
  };
}

async function measureCall(
  app: AppProcess,
  call: BenchCall,
  settle: () => Promise<void>,
): Promise<CallFigures> {
  say(`${call.name}…`);
  const alone = await loadHttp(app.url, call.http, {
    connections: 1,
    seconds: SECONDS,
    requests: ALONE_REQUESTS,
  });
  await settle();
  const loaded = await loadHttp(app.url, call.http, { connections: CONNECTIONS, seconds: SECONDS });
  await settle();
  const driverAlone = await loadDriver(call.driver, {
    connections: 1,
    seconds: SECONDS,
    requests: ALONE_REQUESTS,
  });
  const driverLoaded = await loadDriver(call.driver, {
    connections: CONNECTIONS,
    seconds: SECONDS,
  });
  await settle();
  return { ...call, alone, loaded, driverAlone, driverLoaded };
}

async function race(app: AppProcess, dataset: Dataset): Promise<RaceFigures> {
  say(`${RACERS}-way race on one slot…`);
  const slot = dataset.picker.take('coming', new Date(Date.now() + 3_600_000));
  let racer = 2_000_000;
  const result = await loadHttp(
    app.url,
    { method: 'POST', next: () => ({ path: '/api/bookings', body: bookingBody(slot, racer++) }) },
    { connections: RACERS, seconds: 120, requests: RACERS, timeoutSeconds: 120 },
  );
  return { requests: RACERS, statuses: result.statuses, failures: result.failures };
}

async function overload(
  app: AppProcess,
  call: BenchCall,
  normalMs: number,
): Promise<OverloadFigures> {
  say(`overload: ${call.name} at ${OVERLOAD_CONNECTIONS} clients…`);
  const result = await loadHttp(app.url, call.http, {
    connections: OVERLOAD_CONNECTIONS,
    seconds: SECONDS,
  });
  const after = await timeOne(`${app.url}${call.http.next().path}`, AFTER_LIMIT_MS);
  return { connections: OVERLOAD_CONNECTIONS, result, after, normalMs };
}

/** Stops what was started, newest first, once, however the run ends. */
function cleanups() {
  const steps: Array<() => Promise<void>> = [];
  let running: Promise<void> | undefined;
  return {
    add(step: () => Promise<void>) {
      steps.unshift(step);
    },
    run() {
      running ??= (async () => {
        for (const step of steps) await step().catch(() => undefined);
      })();
      return running;
    },
  };
}

async function bench(out: string | undefined): Promise<void> {
  const config = loadConfigFromEnvironment();
  const cleanup = cleanups();
  // `on`, not `once`: while this listens, the database's child guard leaves the stopping to us.
  const interrupt = (signal: NodeJS.Signals) => {
    say(`\n${signal}: stopping…`);
    stopLoad();
    void cleanup.run().then(() => process.exit(130));
  };
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  try {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'expert-booking-bench-'));
    cleanup.add(() => fs.rm(dataDir, { recursive: true, force: true }));
    const dbName = `bench_${process.pid}_${randomBytes(3).toString('hex')}`;
    say(
      config.MONGODB_URI
        ? `Using a throw-away database ${dbName} on MONGODB_URI…`
        : 'Starting an embedded database…',
    );
    const database = await openDatabase({ ...config, DATA_DIR: dataDir }, pino({ level: 'warn' }), {
      dbName,
    });
    cleanup.add(() => database.close());
    cleanup.add(async () => {
      await mongoose.connection.dropDatabase();
    });
    const backend = await describeBackend(database);

    const now = new Date();
    say(`Writing ${EXPERTS} experts and ${BOOKINGS} bookings…`);
    const dataset = await buildDataset({
      experts: EXPERTS,
      bookings: BOOKINGS,
      pastShare: PAST_SHARE,
      now,
      say: (line) => say(`  ${line}`),
    });

    say('Starting the app (production build)…');
    const app = await startAppProcess({
      mongodbUri: withDatabaseName(database.uri, dbName),
      dataDir,
      logFile: path.join(dataDir, 'app.log'),
    });
    cleanup.add(() => app.stop());
    const settle = await settler(`${app.url}/api/experts/${dataset.expertIds[0]}`);

    const calls = benchCalls(dataset, mongoose.connection.db!, now);
    const figures: CallFigures[] = [];
    for (const call of calls) figures.push(await measureCall(app, call, settle));
    const raced = await race(app, dataset);
    await settle();
    const list = figures[0]!;
    const overloaded = await overload(app, calls[0]!, list.alone.p50);

    const facts: RunFacts = {
      date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
      commit: commit(),
      cores: os.availableParallelism(),
      cpu: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
      node: process.version,
      backend,
      experts: dataset.experts,
      bookings: dataset.bookings,
      pastBookings: dataset.pastBookings,
      connections: CONNECTIONS,
      seconds: SECONDS,
      aloneRequests: ALONE_REQUESTS,
    };
    const report = renderReport(facts, figures, raced, overloaded);
    say();
    say(report);
    if (out) {
      const title = '# Benchmarks\n\nWritten by `npm run bench -- --out docs/benchmarks.md`.';
      await fs.writeFile(out, `${title}\n\n${report}\n`);
      say(`\nWritten to ${out}.`);
    }
  } finally {
    await cleanup.run();
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
  }
}

try {
  const args = parseArgs(process.argv.slice(2));
  if (args === 'help') say(USAGE);
  else await bench(args.out);
} catch (error) {
  console.error(`Benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
