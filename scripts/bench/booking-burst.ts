import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { pino } from 'pino';

import { startAppProcess, type AppProcess } from '../../harness';
import { OutboxMessageModel } from '../../models';
import { loadConfigFromEnvironment } from '../../server/config';
import { openDatabase } from '../../server/db/database';
import { NEW_BOOKINGS_AT_ONCE } from '../../server/services/bookings/new-bookings-line';
import { bookingCall } from './calls';
import { withDatabaseName } from './database-uri';
import { buildDataset } from './dataset';
import { positiveInteger } from './env';
import { loadHttp, stopLoad, type LoadResult } from './load';
import { markdownTable } from './markdown-table';
import { formatMs } from './stats';

/**
 * `npm run bench:booking-burst`: what clients who all start booking at the same moment wait,
 * with new bookings in a line of NEW_BOOKINGS_AT_ONCE (the default) and without one (ADR 020).
 * Two apps run side by side on one throw-away embedded database (or a throw-away database on
 * MONGODB_URI), each warmed up by 200 bookings one at a time; then, in turns, each gets
 * BURST_ROUNDS bursts of BENCH_CONNECTIONS new clients booking distinct free slots for
 * BENCH_DURATION seconds, each burst once the mail of the one before has gone out. Prints a
 * Markdown table: the slowest answers are those of the burst's first clients; "mail out after"
 * is how long after the burst its last confirmation mail went out.
 */

const WITHOUT_LINE = 1000;
const WARM_UP_BOOKINGS = 200;
/** Longest wait for an app's mail outbox to empty between bursts. */
const DRAIN_LIMIT_MS = 180_000;

function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** How often the outbox is looked at while its mail goes out. */
const DRAIN_POLL_MS = 250;

/**
 * Waits until no mail is queued, so the next burst has nothing running behind it; answers how
 * long that took (to within DRAIN_POLL_MS).
 */
async function outboxDrained(): Promise<number> {
  const started = performance.now();
  while ((await OutboxMessageModel.countDocuments({ status: 'queued' })) > 0) {
    if (performance.now() - started > DRAIN_LIMIT_MS) {
      throw new Error('The mail outbox did not empty between bursts.');
    }
    await sleep(DRAIN_POLL_MS);
  }
  return performance.now() - started;
}

interface Burst {
  places: number;
  round: number;
  result: LoadResult;
  /** From the burst's end until all its mail was out. */
  mailOutAfterMs: number;
}

function lineName(places: number): string {
  return places === WITHOUT_LINE ? 'no line' : `line of ${places}`;
}

function report(bursts: readonly Burst[], connections: number, seconds: number): string {
  const rows = bursts.map(({ places, round, result, mailOutAfterMs }) => [
    lineName(places),
    String(round),
    String(Math.round(result.requestsPerSecond)),
    formatMs(result.p50),
    formatMs(result.p99),
    formatMs(result.max),
    String(result.statuses[201] ?? 0),
    String(result.failures),
    formatMs(mailOutAfterMs),
  ]);
  const worst = [...new Set(bursts.map((burst) => burst.places))].map((places) => {
    const theirs = bursts.filter((burst) => burst.places === places);
    const mine = theirs.map((burst) => burst.result);
    return [
      `**${lineName(places)}, worst**`,
      '',
      String(Math.round(Math.min(...mine.map((result) => result.requestsPerSecond)))),
      formatMs(Math.max(...mine.map((result) => result.p50))),
      formatMs(Math.max(...mine.map((result) => result.p99))),
      formatMs(Math.max(...mine.map((result) => result.max))),
      '',
      String(Math.max(...mine.map((result) => result.failures))),
      formatMs(Math.max(...theirs.map((burst) => burst.mailOutAfterMs))),
    ];
  });
  return [
    `Bursts of ${connections} new clients, each booking one free slot after another for ${seconds} s.`,
    '',
    markdownTable(
      [
        ['', 'burst', 'req/s', 'p50', 'p99', 'slowest', '201', 'no answer', 'mail out after'],
        ...rows,
        ...worst,
      ],
      ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    ),
  ].join('\n');
}

async function main(): Promise<void> {
  const rounds = positiveInteger('BURST_ROUNDS', 4);
  const connections = positiveInteger('BENCH_CONNECTIONS', 50);
  const seconds = positiveInteger('BENCH_DURATION', 10);
  const experts = positiveInteger('BENCH_EXPERTS', 200);
  const bookings = positiveInteger('BENCH_BOOKINGS', 20_000);
  const config = loadConfigFromEnvironment();
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'expert-booking-burst-'));
  const dbName = `burst_${process.pid}`;
  const apps: AppProcess[] = [];
  const interrupt = () => stopLoad();
  process.on('SIGINT', interrupt);
  try {
    const database = await openDatabase({ ...config, DATA_DIR: dataDir }, pino({ level: 'warn' }), {
      dbName,
    });
    try {
      say(`Writing ${experts} experts and ${bookings} bookings…`);
      const dataset = await buildDataset({
        experts,
        bookings,
        pastShare: 0.9,
        now: new Date(),
        say: (line) => say(`  ${line}`),
      });
      const call = bookingCall(dataset);
      const lines = [WITHOUT_LINE, NEW_BOOKINGS_AT_ONCE];
      const started = new Map<number, AppProcess>();
      await fs.mkdir('test-results', { recursive: true });
      for (const places of lines) {
        say(`Starting an app with ${lineName(places)}…`);
        const app = await startAppProcess(
          {
            MONGODB_URI: withDatabaseName(database.uri, dbName),
            DATA_DIR: dataDir,
            NEW_BOOKINGS_AT_ONCE: String(places),
          },
          { logFile: path.resolve('test-results', `burst-app-${places}.log`) },
        );
        apps.push(app);
        started.set(places, app);
        await loadHttp(app.baseUrl, call, {
          connections: 1,
          seconds: 60,
          requests: WARM_UP_BOOKINGS,
        });
      }
      const bursts: Burst[] = [];
      // The warm-ups' mail goes first: each burst then starts with nothing running behind it.
      await outboxDrained();
      for (let round = 1; round <= rounds; round++) {
        for (const places of lines) {
          const result = await loadHttp(started.get(places)!.baseUrl, call, {
            connections,
            seconds,
          });
          const mailOutAfterMs = await outboxDrained();
          say(
            `  ${lineName(places)}, burst ${round}: ${Math.round(result.requestsPerSecond)} req/s, p99 ${formatMs(result.p99)}, slowest ${formatMs(result.max)}, mail out after ${formatMs(mailOutAfterMs)}`,
          );
          bursts.push({ places, round, result, mailOutAfterMs });
        }
      }
      say();
      say(report(bursts, connections, seconds));
    } finally {
      for (const app of apps) await app.stop();
      await database.close();
    }
  } finally {
    process.off('SIGINT', interrupt);
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (error) {
  console.error(`Benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
