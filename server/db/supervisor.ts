import type { Logger } from '../logger';
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

/** A database server that is started again whenever it dies, until stop(). */
export interface SupervisedProcess {
  /** The pid of the process running now, if one is. */
  pid(): number | undefined;
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
 * where clients knew it (same port, same data), so that their addresses stay valid.
 */
export function supervise({
  name,
  first,
  restart,
  logger,
  backoff = DEFAULT_BACKOFF,
}: {
  name: string;
  first: ManagedProcess;
  restart: () => Promise<ManagedProcess>;
  logger: Logger;
  backoff?: Backoff;
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

  return {
    pid: () => current?.pid,
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
