import type { Logger } from 'pino';

import { DEFAULT_LIVENESS, withinMs, type LivenessTiming } from './liveness';
import type { ManagedProcess } from './managed-process';

export interface Backoff {
  /** Wait before the first restart after a crash. */
  initialMs: number;
  /** The wait doubles after each failed or short-lived start, up to this. */
  maxMs: number;
  /** A process that ran this long before dying starts the next round at initialMs again. */
  stableMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 250, maxMs: 10_000, stableMs: 30_000 };

/** How a running server proves that it works, not only that its process is there. */
export interface Liveness {
  /** One round trip through the server; rejects if it fails. */
  probe(timeoutMs: number): Promise<void>;
  /**
   * True while another server it depends on is at fault (FerretDB when PostgreSQL does not
   * answer): its failed probes then kill nothing, that other server is restarted instead.
   */
  excused?(): boolean;
  timing?: LivenessTiming;
}

/** A database server that is started again whenever it dies, until stop(). */
export interface SupervisedProcess {
  /** The pid of the process running now, if one is. */
  pid(): number | undefined;
  /** A process runs and its last liveness probe (if any was made) passed. */
  answering(): boolean;
  /** Resolves once a process runs: at once while one does, else after the next good start. */
  running(): Promise<void>;
  /**
   * Ends supervision: no restart after this resolves, and waiters on running() are let go (a
   * restart under way finishes first).
   */
  halt(): Promise<void>;
  /** halt(), then stops the process. */
  stop(): Promise<void>;
}

/**
 * Watches `first`; when it exits without being asked to, calls `restart` after a backoff, and
 * again (with a doubling wait) for as long as starting fails. restart must bring the server back
 * where clients knew it (same port, same data), so that their addresses stay valid. With
 * `liveness`, a process that runs but fails its probes is killed, and so restarted the same way:
 * a wedged server otherwise never exits, and every request would wait on it for ever.
 */
export function supervise({
  name,
  first,
  restart,
  logger,
  backoff = DEFAULT_BACKOFF,
  liveness,
}: {
  name: string;
  first: ManagedProcess;
  restart: () => Promise<ManagedProcess>;
  logger: Logger;
  backoff?: Backoff;
  liveness?: Liveness;
}): SupervisedProcess {
  const log = logger.child({ database: name });
  let current: ManagedProcess | undefined = first;
  let stopping = false;
  let wake: (() => void) | undefined;
  let onHalt!: () => void;
  const halted = new Promise<void>((resolve) => (onHalt = resolve));
  const upWaiters: (() => void)[] = [];

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  async function watch(): Promise<void> {
    let delayMs = backoff.initialMs;
    while (current && !stopping) {
      const startedAt = Date.now();
      const { pid } = current;
      await Promise.race([current.exited, halted]);
      if (stopping) return;
      current = undefined;
      if (Date.now() - startedAt >= backoff.stableMs) delayMs = backoff.initialMs;
      for (let attempt = 1; !current; attempt++) {
        log.warn({ dbPid: pid, attempt, retryInMs: delayMs }, `restarting ${name}`);
        await pause(delayMs);
        if (stopping) return;
        delayMs = Math.min(delayMs * 2, backoff.maxMs);
        try {
          current = await restart();
        } catch (error) {
          log.warn({ err: error, attempt }, `${name} did not start`);
          continue;
        }
        log.info({ dbPid: current.pid, attempt }, `${name} is back`);
        for (const resolve of upWaiters.splice(0)) resolve();
      }
    }
  }
  const watching = watch();

  let lastProbePassed = true;
  async function probeLiveness({
    probe,
    excused,
    timing = DEFAULT_LIVENESS,
  }: Liveness): Promise<void> {
    let probedPid: number | undefined;
    let failures = 0;
    let failingSince = 0;
    while (!stopping) {
      const startedAt = Date.now();
      const pid = current?.pid;
      if (pid !== probedPid) {
        // A new process starts with a clean record.
        probedPid = pid;
        failures = 0;
        lastProbePassed = true;
      }
      if (pid !== undefined) {
        try {
          await withinMs(probe(timing.timeoutMs), timing.timeoutMs, name);
          failures = 0;
          lastProbePassed = true;
        } catch (error) {
          if (current?.pid === pid && !stopping) {
            if (failures++ === 0) failingSince = startedAt;
            lastProbePassed = false;
            log.debug({ err: error, dbPid: pid, failures }, `${name} failed a liveness probe`);
            if (failures >= timing.failures && !excused?.()) {
              const seconds = Math.round((Date.now() - failingSince) / 1000);
              log.warn(
                { dbPid: pid, failures, reason: String(error) },
                `${name} did not answer ${failures} liveness probes in ${seconds} s; restarting it`,
              );
              // SIGKILL: a stopped (SIGSTOP) or wedged process may never act on a polite signal.
              kill(pid, log);
              failures = 0;
            }
          }
        }
      }
      const waitMs = timing.intervalMs - (Date.now() - startedAt);
      if (waitMs > 0) await Promise.race([delay(waitMs), halted]);
    }
  }
  if (liveness) void probeLiveness(liveness);

  return {
    pid: () => current?.pid,
    answering: () => current !== undefined && lastProbePassed,
    running() {
      if (current) return Promise.resolve();
      return new Promise((resolve) => upWaiters.push(resolve));
    },
    async halt() {
      stopping = true;
      onHalt();
      wake?.();
      for (const resolve of upWaiters.splice(0)) resolve();
      await watching;
    },
    async stop() {
      await this.halt();
      // A restart that finished while halting left its process here, to be stopped like any.
      const last = current;
      current = undefined;
      await last?.stop();
    },
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function kill(pid: number, log: Logger): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch (error) {
    // ESRCH: it died meanwhile, and the watch restarts it anyway.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') {
      log.error(
        { err: error, dbPid: pid },
        'could not kill a database server that does not answer',
      );
    }
  }
}
