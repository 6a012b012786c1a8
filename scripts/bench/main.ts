import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import mongoose from 'mongoose';
import { pino } from 'pino';

import { loadConfigFromEnvironment } from '../../server/config';
import { startAppProcess, type AppProcess, type AppProcessOptions } from '../../harness';
import { openDatabase, type Database } from '../../server/db/database';
import { benchCalls, raceCall, type BenchCall } from './calls';
import { withDatabaseName } from './database-uri';
import { buildDataset, type Dataset } from './dataset';
import type { CallFigures, OverloadFigures, RaceFigures } from './goals';
import { loadDriver, loadHttp, stopLoad } from './load';
import { readOptions, USAGE, type BenchOptions } from './options';
import { renderReport, type RunFacts } from './report';
import { isSettled } from './settle';
import { formatMs } from './stats';

/**
 * `npm run bench`: builds a large data set in a database of its own (a throw-away embedded
 * server, or a throw-away database on MONGODB_URI), runs the app as `npm start` does in a child
 * process on loopback, and measures each call alone and under load, beside the raw driver doing
 * the same database work. Prints a Markdown table; `--out FILE` also writes it to FILE.
 * Everything it starts, it stops: on success, on failure and on Ctrl+C.
 */

const PAST_SHARE = 0.9;
/** Longest wait for the server to finish work left over from a run before the next starts. */
const SETTLE_LIMIT_MS = 180_000;
/** Where the app and the race's app log their requests and errors. */
const APP_LOG = path.resolve('test-results', 'bench-app.log');

/** How long the request right after the overload may take before it counts as unanswered. */
const AFTER_LIMIT_MS = 60_000;

function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

function commit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      encoding: 'utf8',
    }).trim();
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

/** Waits until work left over from a run (requests whose clients gave up) is done. */
async function settler(probeUrl: string) {
  let quiet = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) quiet = Math.min(quiet, (await timeOne(probeUrl)).ms);
  return async () => {
    const started = performance.now();
    const probes: number[] = [];
    while (performance.now() - started < SETTLE_LIMIT_MS && !isSettled(probes, quiet)) {
      probes.push((await timeOne(probeUrl)).ms);
    }
    const waited = performance.now() - started;
    if (waited > 1000) say(`  (waited ${formatMs(waited)} for the server to finish earlier work)`);
  };
}

async function measureCall(
  app: AppProcess,
  call: BenchCall,
  settle: () => Promise<void>,
  options: BenchOptions,
): Promise<CallFigures> {
  say(`${call.name}…`);
  const alone = { connections: 1, seconds: options.seconds, requests: options.aloneRequests };
  const loaded = { connections: options.connections, seconds: options.seconds };
  const appAlone = await loadHttp(app.baseUrl, call.http, alone);
  await settle();
  const appLoaded = await loadHttp(app.baseUrl, call.http, loaded);
  // Said at once, so a run that fails later still shows what it measured.
  say(
    `  ${Math.round(appLoaded.requestsPerSecond)} req/s at ${options.connections} clients, p50 ${formatMs(appLoaded.p50)}, p99 ${formatMs(appLoaded.p99)}; p50 alone ${formatMs(appAlone.p50)}`,
  );
  await settle();
  if (!call.driver) return { ...call, alone: appAlone, loaded: appLoaded };
  const driverAlone = await loadDriver(call.driver, alone);
  const driverLoaded = await loadDriver(call.driver, loaded);
  await settle();
  return { ...call, alone: appAlone, loaded: appLoaded, driverAlone, driverLoaded };
}

/**
 * The race runs against an app of its own that queues every racer instead of shedding the ones
 * beyond DB_MAX_PENDING_REQUESTS: the question is who wins the slot, and a 503 answers nothing.
 */
async function race(
  appStart: { env: Record<string, string>; options: AppProcessOptions },
  dataset: Dataset,
  racers: number,
): Promise<RaceFigures> {
  say(`${racers}-way race on one slot…`);
  const app = await startAppProcess(
    { ...appStart.env, DB_MAX_PENDING_REQUESTS: String(Math.min(racers, 10_000)) },
    appStart.options,
  );
  try {
    const result = await loadHttp(app.baseUrl, raceCall(dataset), {
      connections: racers,
      requests: racers,
      // Every racer sends once; the run ends when all have their answer.
      seconds: 120,
      timeoutSeconds: 120,
    });
    return { requests: racers, statuses: result.statuses, failures: result.failures };
  } finally {
    await app.stop();
  }
}

async function overload(
  app: AppProcess,
  call: BenchCall,
  normalMs: number,
  options: BenchOptions,
): Promise<OverloadFigures> {
  const connections = options.overloadConnections;
  say(`overload: ${call.name} at ${connections} clients…`);
  const result = await loadHttp(app.baseUrl, call.http, { connections, seconds: options.seconds });
  const after = await timeOne(`${app.baseUrl}${call.http.next().path}`, AFTER_LIMIT_MS);
  return { connections, result, after, normalMs };
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

async function bench(options: BenchOptions): Promise<void> {
  // Before the run: --out changes the tree at the end.
  const measuredCommit = commit();
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
    // An embedded server goes with its folder; dropping could wait long on a busy one.
    if (!database.embedded) {
      cleanup.add(async () => {
        await mongoose.connection.dropDatabase();
      });
    }
    const backend = await describeBackend(database);

    const now = new Date();
    say(`Writing ${options.experts} experts and ${options.bookings} bookings…`);
    const dataset = await buildDataset({
      experts: options.experts,
      bookings: options.bookings,
      pastShare: PAST_SHARE,
      now,
      say: (line) => say(`  ${line}`),
    });

    say('Starting the app (production build)…');
    // Kept after the run (the data folder goes): a 5xx in the table is explained there.
    await fs.mkdir(path.dirname(APP_LOG), { recursive: true });
    await fs.rm(APP_LOG, { force: true });
    const appStart = {
      env: { MONGODB_URI: withDatabaseName(database.uri, dbName), DATA_DIR: dataDir },
      options: { logFile: APP_LOG },
    };
    const app = await startAppProcess(appStart.env, appStart.options);
    cleanup.add(() => app.stop());
    const settle = await settler(`${app.baseUrl}/api/experts/${dataset.expertIds[0]}`);

    const calls = benchCalls(dataset, mongoose.connection.db!, now);
    const figures: CallFigures[] = [];
    for (const call of calls) figures.push(await measureCall(app, call, settle, options));
    const raced = await race(appStart, dataset, options.racers);
    await settle();
    // The expert JSON, the heaviest read a person waits for (from memory since ADR 18, its
    // window worked out per expert and length), is the one 500 clients ask for at once.
    const heavy = figures.findIndex((call) => call.kind === 'expert');
    const overloaded = await overload(app, calls[heavy]!, figures[heavy]!.alone.p50, options);

    const facts: RunFacts = {
      date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
      commit: measuredCommit,
      cores: os.availableParallelism(),
      cpu: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
      node: process.version,
      backend,
      experts: dataset.experts,
      bookings: dataset.bookings,
      pastBookings: dataset.pastBookings,
      connections: options.connections,
      seconds: options.seconds,
      aloneRequests: options.aloneRequests,
    };
    const report = renderReport(facts, figures, raced, overloaded);
    say();
    say(report);
    say(`\nThe apps' log: ${path.relative(process.cwd(), APP_LOG)}`);
    if (options.out) {
      const title = '# Benchmarks\n\nWritten by `npm run bench -- --out docs/benchmarks.md`.';
      await fs.writeFile(options.out, `${title}\n\n${report}\n`);
      say(`\nWritten to ${options.out}.`);
    }
  } finally {
    await cleanup.run();
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
  }
}

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  say(USAGE);
} else {
  try {
    await bench(readOptions(args));
  } catch (error) {
    console.error(`Benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
