import { readFileSync } from 'node:fs';

import mongoose from 'mongoose';

import { isAlive } from '../../processes';
import {
  countStream,
  createStreamExpert,
  retryUnanswered,
  streamBookings,
  type BookingAttempt,
} from '../support/booking-stream';
import {
  newDataDir,
  startEmbeddedApp,
  stopEmbeddedApp,
  type EmbeddedApp,
} from '../support/embedded-app';
import { reportFaultCounts } from '../support/fault-report';

// The app as `npm start` runs it, on its own embedded database, is stopped while bookings stream
// in, then started again on the same data folder. Needs `npm run build`.

const BOOKINGS = 150;
const CONCURRENCY = 6;
/** What the issue allows a graceful stop; a correctness bound, not a speed goal. */
const CLEAN_EXIT_LIMIT_MS = 10_000;

let dataDir: string | undefined;
let running: EmbeddedApp | undefined;
/** Processes a test stopped (SIGSTOP): continued and killed whatever the test found. */
let stoppedPids: number[] = [];

afterEach(async () => {
  for (const pid of stoppedPids.filter(isAlive)) {
    process.kill(pid, 'SIGCONT');
    process.kill(pid, 'SIGKILL');
  }
  stoppedPids = [];
  await stopEmbeddedApp(running, dataDir);
  running = undefined;
  dataDir = undefined;
});

function countBy(attempts: BookingAttempt[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { outcome } of attempts) counts[outcome] = (counts[outcome] ?? 0) + 1;
  return counts;
}

/**
 * Streams bookings into a fresh app, stops it with `stopApp` once some are answered, starts it
 * again on the same data folder, retries what was not answered 201 with the same keys, and
 * counts.
 */
async function stopDuringStream(
  label: string,
  stopApp: (app: EmbeddedApp['app']) => void,
): Promise<{
  attempts: BookingAttempt[];
  retries: BookingAttempt[];
  exit: Awaited<EmbeddedApp['app']['exited']>;
  exitMs: number;
  oldDatabasePids: number[];
  lost201: number;
  foundAfterRetries: number;
}> {
  dataDir = await newDataDir();
  const first = await startEmbeddedApp(dataDir);
  running = first;
  const oldDatabasePids = [first.databasePid('postgres'), first.databasePid('ferretdb')];
  const expertId = await createStreamExpert();
  const stream = await streamBookings({
    baseUrl: first.app.baseUrl,
    expertId,
    count: BOOKINGS,
    concurrency: CONCURRENCY,
  });
  await stream.answered(30);
  const stoppedAt = Date.now();
  stopApp(first.app);
  const exit = await first.app.exited;
  const exitMs = Date.now() - stoppedAt;
  const attempts = await stream.done;
  await mongoose.disconnect();
  running = undefined;

  const startedAt = Date.now();
  const second = await startEmbeddedApp(dataDir);
  running = second;
  const restartMs = Date.now() - startedAt;
  const counts = await countStream(expertId, attempts);
  const retries = await retryUnanswered(second.app.baseUrl, attempts);
  const foundAfterRetries = (await countStream(expertId, attempts)).foundAfterwards;
  reportFaultCounts(label, {
    ...counts,
    foundAfterRetries,
    retriedWithSameKey: retries.length,
    retryAnswers: countBy(retries),
    exit,
    exitMs,
    nextStartMs: restartMs,
  });
  return {
    attempts,
    retries,
    exit,
    exitMs,
    oldDatabasePids,
    lost201: counts.lost201,
    foundAfterRetries,
  };
}

describe('stopping the app during a stream of bookings', () => {
  it('SIGTERM: in-flight requests finish, it exits cleanly in time, every 201 is stored, the next start works', async () => {
    const result = await stopDuringStream(`app SIGTERM during ${BOOKINGS} bookings`, (app) =>
      process.kill(app.pid, 'SIGTERM'),
    );

    expect(result.exit).toEqual({ code: 0, signal: null });
    expect(result.exitMs).toBeLessThan(CLEAN_EXIT_LIMIT_MS);
    // Each request the app took in got its answer; the ones after it stopped listening were
    // refused before reaching it (a connection still in the listen queue is reset instead).
    for (const attempt of result.attempts) {
      expect([201, 409, 503, 'refused', 'reset']).toContain(attempt.outcome);
    }
    expect(result.lost201).toBe(0);
    expect(result.retries.map((each) => each.outcome)).toEqual(result.retries.map(() => 201));
    expect(result.foundAfterRetries).toBe(BOOKINGS);
  }, 120_000);

  it('SIGKILL of its process group: nothing is left behind, every 201 is stored, the next start works', async () => {
    const result = await stopDuringStream(
      `app and process group SIGKILL during ${BOOKINGS} bookings`,
      (app) => process.kill(-app.pid, 'SIGKILL'),
    );

    expect(result.exit.signal).toBe('SIGKILL');
    for (const attempt of result.attempts) {
      expect([201, 409, 503, 'refused', 'reset']).toContain(attempt.outcome);
    }
    // The database servers of the killed app are gone, and the next start did not trip on them.
    expect(result.oldDatabasePids.filter(isAlive)).toEqual([]);
    expect(result.lost201).toBe(0);
    expect(result.retries.map((each) => each.outcome)).toEqual(result.retries.map(() => 201));
    expect(result.foundAfterRetries).toBe(BOOKINGS);
  }, 120_000);
});

/** What the issue allows a shutdown past SHUTDOWN_TIMEOUT_MS, whatever the database's state. */
const SHUTDOWN_MARGIN_MS = 5_000;
const SHUTDOWN_TIMEOUT_MS = 2_000;
/** A second signal exits "at once": a generous bound for a loaded machine. */
const AT_ONCE_MS = 2_000;

/** Every database process the app started (restarts included) and PostgreSQL's own children. */
function databaseProcesses(app: EmbeddedApp['app']): number[] {
  const servers = app
    .logs()
    .filter((line) => typeof line.dbPid === 'number' && / started$/.test(line.msg))
    .map((line) => line.dbPid as number);
  const children = servers.flatMap((pid) => {
    try {
      return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map(Number);
    } catch {
      return [];
    }
  });
  return [...servers, ...children];
}

/** Polls until none of `pids` runs; resolves those still running after timeoutMs. */
async function stillRunningAfter(pids: number[], timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  while (pids.some(isAlive) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return pids.filter(isAlive);
}

/**
 * A fresh app whose FerretDB and PostgreSQL are then stopped (SIGSTOP): every query waits for
 * ever, and so would a close that waits for the database. One request is left waiting on it.
 */
async function appWithWedgedDatabase() {
  dataDir = await newDataDir();
  const started = await startEmbeddedApp(dataDir, {
    SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
  });
  running = started;
  const expertId = await createStreamExpert();
  // The test's own connection would wait on the stopped server too.
  await mongoose.disconnect();
  const processes = databaseProcesses(started.app);
  stoppedPids = [started.databasePid('ferretdb'), started.databasePid('postgres')];
  for (const pid of stoppedPids) process.kill(pid, 'SIGSTOP');
  const waiting = fetch(`${started.app.baseUrl}/api/experts/${expertId}`).then(
    (response) => response.status,
    () => 'no answer' as const,
  );
  // Let the request reach the database before the signal.
  await new Promise((resolve) => setTimeout(resolve, 300));
  return { app: started.app, processes, waiting };
}

/**
 * Sends the app SIGTERM and waits for it to exit: how it exited, how long after the signal, and
 * which of its database processes (`processes` and any it started since) still run 5 s later.
 */
async function terminate(app: EmbeddedApp['app'], processes: number[]) {
  const signalledAt = Date.now();
  process.kill(app.pid, 'SIGTERM');
  const exit = await app.exited;
  const exitMs = Date.now() - signalledAt;
  const left = await stillRunningAfter([...processes, ...databaseProcesses(app)], 5_000);
  return { exit, exitMs, left };
}

describe('stopping the app while its database is wedged', () => {
  it('SIGTERM: it exits within SHUTDOWN_TIMEOUT_MS + 5 s, and no database process is left behind', async () => {
    const { app, processes, waiting } = await appWithWedgedDatabase();

    const { exit, exitMs, left } = await terminate(app, processes);
    reportFaultCounts('app SIGTERM with FerretDB and PostgreSQL stopped (SIGSTOP)', {
      exit,
      exitMs,
      shutdownTimeoutMs: SHUTDOWN_TIMEOUT_MS,
      databaseProcesses: processes.length,
      leftBehind: left.length,
    });
    running = undefined;

    // It ended by itself (not killed by a signal), in time, and took its database with it.
    expect(exit.signal).toBeNull();
    expect(exitMs).toBeLessThan(SHUTDOWN_TIMEOUT_MS + SHUTDOWN_MARGIN_MS);
    expect(left).toEqual([]);
    expect(await waiting).not.toBe(200);
    expect(app.logs().map((line) => line.msg)).toContain('shutting down');
  }, 120_000);

  it('a second SIGTERM exits at once, and no database process is left behind', async () => {
    const { app, processes } = await appWithWedgedDatabase();

    process.kill(app.pid, 'SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const { exit, exitMs, left } = await terminate(app, processes);
    reportFaultCounts('app second SIGTERM with FerretDB and PostgreSQL stopped (SIGSTOP)', {
      exit,
      exitMs,
      leftBehind: left.length,
    });
    running = undefined;

    expect(exit).toEqual({ code: 128 + 15, signal: null });
    expect(exitMs).toBeLessThan(AT_ONCE_MS);
    expect(left).toEqual([]);
  }, 120_000);
});
