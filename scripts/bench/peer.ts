import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, openSync, closeSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import mongoose, { Types } from 'mongoose';
import { pino } from 'pino';

import { startAppProcess } from '../../harness';
import { insertInChunks } from '../../models';
import { findFreePort, stopChild, track, untrack, whenExited } from '../../processes';
import { loadConfigFromEnvironment } from '../../server/config';
import { openDatabase } from '../../server/db/database';
import { withDatabaseName } from './database-uri';
import { buildDataset } from './dataset';
import { positiveInteger } from './env';
import { loadHttp, type HttpCall, type LoadResult } from './load';
import { markdownTable } from './markdown-table';
import { formatMs } from './stats';

/**
 * `npm run bench:peer -- <peer folder>` (or PEER_DIR): the app and the public peer
 * hiprathamraghav/expert-session-booking-system side by side, on one throw-away embedded
 * database, 72 experts each, the same load on each call. The peer's code is never part of this
 * repository: get it with `git archive`, run `npm install` in its `server/` folder, and pass the
 * folder. The peer seeds its 6 experts (`npm run seed`), padded here to 72 by copying documents;
 * it runs as its README says, `node src/server.js`.
 *
 * BENCH_CPU_PROF_DIR=<folder> also starts the app with `--cpu-prof` and leaves its profile there;
 * BENCH_ONLY=<text> runs only the calls whose name contains it (to profile one).
 */

const EXPERTS = 72;
/** The app's 72 experts get the full bench's share of history: 100 bookings each, 90 % past. */
const BOOKINGS = 7_200;
const READY_TIMEOUT_MS = 60_000;

function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

function rotate<T>(items: readonly T[]): () => T {
  let next = 0;
  return () => items[next++ % items.length]!;
}

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/**
 * The CPU time a process has used so far, in ms (Linux). Per request, it tells the work each
 * side does even when other work on a shared machine slows both down.
 */
function cpuMs(pid: number): number {
  // The name in parentheses may hold spaces: count the fields after its closing one.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** A load run, with the CPU time the server's process spent on each request. */
async function measure(
  url: string,
  pid: number,
  call: HttpCall,
  load: { connections: number; seconds: number },
): Promise<LoadResult & { cpuPerRequest: number }> {
  const before = cpuMs(pid);
  const result = await loadHttp(url, call, load);
  const answered = Object.values(result.statuses).reduce((sum, count) => sum + count, 0);
  return { ...result, cpuPerRequest: (cpuMs(pid) - before) / Math.max(1, answered) };
}

const get = (next: () => string): HttpCall => ({ method: 'GET', next: () => ({ path: next() }) });

/** Runs one of the peer's commands to its end, its output in the log. */
function runPeer(
  serverDir: string,
  args: string[],
  env: Record<string, string>,
  log: string,
): ChildProcess {
  const out = openSync(log, 'a');
  const child = spawn(process.execPath, args, {
    cwd: serverDir,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  track(child);
  return child;
}

async function waitForExit(child: ChildProcess, what: string): Promise<void> {
  await whenExited(child);
  untrack(child);
  if (child.exitCode !== 0) throw new Error(`${what} failed (exit ${child.exitCode})`);
}

async function waitUntilAnswering(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer`);
}

/** The peer's experts, copied until there are `count`: same fields, new ids and names. */
async function padExperts(uri: string, count: number): Promise<string[]> {
  const connection = await mongoose.createConnection(uri).asPromise();
  try {
    const experts = connection.collection('experts');
    const originals = await experts.find({}).toArray();
    if (originals.length === 0) throw new Error('the peer’s seed wrote no experts');
    const copies = Array.from({ length: count - originals.length }, (_, index) => {
      const original = originals[index % originals.length]!;
      return { ...original, _id: new Types.ObjectId(), name: `${String(original.name)} ${index}` };
    });
    await insertInChunks(experts, copies, { ordered: true });
    return (await experts.find({}, { projection: { _id: 1 } }).toArray()).map((expert) =>
      expert._id.toString(),
    );
  } finally {
    await connection.close();
  }
}

function figures(result: (LoadResult & { cpuPerRequest: number }) | undefined): string[] {
  if (!result) return ['—', '—', '—', '—'];
  const errors = result.failures + (result.statuses.non2xx ?? 0);
  const rate = `${Math.round(result.requestsPerSecond)}${errors ? ` (${errors} errors)` : ''}`;
  return [rate, formatMs(result.p50), formatMs(result.p99), formatMs(result.cpuPerRequest)];
}

async function main(): Promise<void> {
  const peerDir = process.argv[2] ?? process.env.PEER_DIR;
  if (!peerDir) throw new Error('Usage: npm run bench:peer -- <peer folder> (or PEER_DIR=…)');
  const serverDir = path.resolve(peerDir, 'server');
  // Its package.json may declare `server/` a workspace: then npm installs beside it.
  const installed = [serverDir, path.resolve(peerDir)].some((dir) =>
    existsSync(path.join(dir, 'node_modules', 'mongoose')),
  );
  if (!installed) throw new Error(`run npm install in ${serverDir} first`);
  const seconds = positiveInteger('BENCH_DURATION', 10);
  const connections = positiveInteger('BENCH_CONNECTIONS', 50);
  const profileDir = process.env.BENCH_CPU_PROF_DIR;

  const stops: Array<() => Promise<unknown>> = [];
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'expert-booking-peer-'));
  stops.push(() => fs.rm(dataDir, { recursive: true, force: true }));
  try {
    say('Starting an embedded database…');
    const config = loadConfigFromEnvironment();
    const database = await openDatabase({ ...config, DATA_DIR: dataDir }, pino({ level: 'warn' }), {
      dbName: 'bench_app',
    });
    stops.unshift(() => database.close());

    say(`The app: ${EXPERTS} experts, ${BOOKINGS} bookings…`);
    const now = new Date();
    const dataset = await buildDataset({
      experts: EXPERTS,
      bookings: BOOKINGS,
      pastShare: 0.9,
      now,
      say: (line) => say(`  ${line}`),
    });
    const app = await startAppProcess(
      { MONGODB_URI: withDatabaseName(database.uri, 'bench_app'), DATA_DIR: dataDir },
      {
        logFile: path.join(dataDir, 'app.log'),
        nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : [],
      },
    );
    stops.unshift(() => app.stop());

    say(`The peer: its seed, padded to ${EXPERTS} experts…`);
    const peerUri = withDatabaseName(database.uri, 'bench_peer');
    const peerLog = path.join(dataDir, 'peer.log');
    await waitForExit(
      runPeer(serverDir, ['src/seed.js'], { MONGO_URI: peerUri }, peerLog),
      'the peer’s seed',
    );
    const peerIds = await padExperts(peerUri, EXPERTS);
    const port = await findFreePort();
    const peer = runPeer(
      serverDir,
      ['src/server.js'],
      { MONGO_URI: peerUri, PORT: String(port) },
      peerLog,
    );
    const peerExited = whenExited(peer);
    stops.unshift(async () => {
      await stopChild(peer, peerExited, 10_000);
      untrack(peer);
    });
    const peerUrl = `http://127.0.0.1:${port}`;
    await waitUntilAnswering(`${peerUrl}/api/health`, peer);

    const appExpert = rotate(dataset.expertIds);
    const peerExpert = rotate(peerIds);
    const calls: { name: string; app: HttpCall; peer?: HttpCall }[] = [
      { name: 'GET /api/experts', app: get(() => '/api/experts'), peer: get(() => '/api/experts') },
      {
        name: 'GET /api/experts/:id',
        app: get(() => `/api/experts/${appExpert()}`),
        peer: get(() => `/api/experts/${peerExpert()}`),
      },
      { name: 'page /experts', app: get(() => '/experts') },
      { name: 'page /experts/:id', app: get(() => `/experts/${appExpert()}`) },
    ];
    const load = { connections, seconds };
    const rows: string[][] = [];
    const only = process.env.BENCH_ONLY;
    for (const call of calls.filter(({ name }) => !only || name.includes(only))) {
      say(`${call.name}…`);
      // A short warm-up each, so neither side is measured while it fills its caches.
      await loadHttp(app.baseUrl, call.app, { connections: 4, seconds: 1 });
      const appResult = await measure(app.baseUrl, app.pid, call.app, load);
      let peerResult: Awaited<ReturnType<typeof measure>> | undefined;
      if (call.peer) {
        await loadHttp(peerUrl, call.peer, { connections: 4, seconds: 1 });
        peerResult = await measure(peerUrl, peer.pid ?? 0, call.peer, load);
      }
      const ratio = peerResult
        ? `${(appResult.requestsPerSecond / peerResult.requestsPerSecond).toFixed(2)}×`
        : '—';
      rows.push([call.name, ...figures(appResult), ...figures(peerResult), ratio]);
    }
    say();
    say(
      `${EXPERTS} experts each, ${connections} clients for ${seconds} s per call, on ${os.availableParallelism()} cores, one embedded database (the app's ${BOOKINGS} bookings, 90 % past; the peer's seed writes none). CPU/req: the server process's own CPU time per answer (the database's is not counted).`,
    );
    say();
    say(
      markdownTable(
        [
          [
            'call',
            'app req/s',
            'app p50',
            'app p99',
            'app CPU/req',
            'peer req/s',
            'peer p50',
            'peer p99',
            'peer CPU/req',
            'app ÷ peer',
          ],
          ...rows,
        ],
        ['left', ...Array<'right'>(9).fill('right')],
      ),
    );
  } finally {
    for (const stop of stops) await stop().catch(() => undefined);
  }
}

try {
  await main();
} catch (error) {
  console.error(
    `Side-by-side bench failed: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exitCode = 1;
}
