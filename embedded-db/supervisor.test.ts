import { spawn } from 'node:child_process';

import { pino } from 'pino';

import { isAlive, whenExited } from '../processes';
import type { LivenessTiming } from './liveness';
import type { ManagedProcess } from './managed-process';
import { supervise, type SupervisedProcess } from './supervisor';

const FAST: LivenessTiming = { intervalMs: 50, timeoutMs: 50, failures: 3 };
const BACKOFF = { initialMs: 10, maxMs: 10, stableMs: 60_000 };

/** A real process that runs until killed, standing in for a database server. */
function sleeper(): ManagedProcess {
  const child = spawn('sleep', ['600'], { stdio: 'ignore' });
  const exited = whenExited(child);
  return {
    pid: child.pid!,
    port: 0,
    exited,
    async stop() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('supervise with liveness probes', () => {
  let supervised: SupervisedProcess | undefined;

  afterEach(async () => {
    await supervised?.stop();
    supervised = undefined;
  });

  it('kills a process that keeps failing its probes, with a warning naming why, and starts another', async () => {
    const first = sleeper();
    const warnings: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => warnings.push(line) });
    let answering = false;
    supervised = supervise({
      name: 'ferretdb',
      first,
      restart: async () => {
        answering = true;
        return sleeper();
      },
      logger,
      backoff: BACKOFF,
      liveness: {
        probe: () => (answering ? Promise.resolve() : new Promise<void>(() => undefined)),
        timing: FAST,
      },
    });

    await until(() => supervised!.pid() !== undefined && supervised!.pid() !== first.pid);
    expect(isAlive(first.pid)).toBe(false);
    expect(warnings.join('')).toMatch(/ferretdb did not answer 3 liveness probes in \d+ s/);
    // The new one answers, so it stays.
    const second = supervised.pid()!;
    await new Promise((resolve) => setTimeout(resolve, FAST.intervalMs * 6));
    expect(supervised.pid()).toBe(second);
    expect(supervised.answering()).toBe(true);
  });

  it('kills nothing while excused (the server it depends on is the one at fault)', async () => {
    const first = sleeper();
    let excused = true;
    supervised = supervise({
      name: 'ferretdb',
      first,
      restart: async () => sleeper(),
      logger: pino({ level: 'silent' }),
      backoff: BACKOFF,
      liveness: {
        probe: () => Promise.reject(new Error('no')),
        excused: () => excused,
        timing: FAST,
      },
    });

    await new Promise((resolve) => setTimeout(resolve, FAST.intervalMs * 8));
    expect(supervised.pid()).toBe(first.pid);
    expect(supervised.answering()).toBe(false);
    excused = false;
    await until(() => supervised!.pid() !== undefined && supervised!.pid() !== first.pid);
    expect(isAlive(first.pid)).toBe(false);
  });
});
