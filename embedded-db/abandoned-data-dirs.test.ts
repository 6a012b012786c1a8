import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import { afterAll, describe, expect, it } from 'vitest';

import { cacheDirFromEnv } from './cache-dir';
import { createOwnedDataDir, removeAbandonedDataDirs } from './abandoned-data-dirs';
import { isAlive } from '../processes';
import { embeddedServerExecutables } from './embedded-server';

const PREFIX = 'sweep-test-db-';
const FIXTURE = fileURLToPath(new URL('abandoned-run.fixture.ts', import.meta.url));

/** A private parent dir, so the sweep under test never sees a real run's data dirs. */
const parentDir = await fs.mkdtemp(path.join(os.tmpdir(), 'expert-booking-sweep-test-'));
let abandonedPids: number[] = [];

afterAll(async () => {
  for (const pid of abandonedPids.filter(isAlive)) process.kill(pid, 'SIGKILL');
  await fs.rm(parentDir, { recursive: true, force: true });
});

/** A run that started its database, then was killed with SIGKILL. */
async function abandonDatabase(): Promise<{ dataDir: string; pids: number[] }> {
  const run = spawn(process.execPath, ['--import', 'tsx', FIXTURE, parentDir, PREFIX], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = once(run, 'exit');
  const [line] = (await once(createInterface({ input: run.stdout }), 'line')) as [string];
  const started = JSON.parse(line) as { dataDir: string; pids: number[] };
  abandonedPids = started.pids;
  run.kill('SIGKILL');
  // Until its exit is seen the killed run is a zombie, which still counts as alive.
  await exited;
  return started;
}

describe('removeAbandonedDataDirs', () => {
  it('finds no server of a killed run still running, and removes its dir, and nothing else', async () => {
    const abandoned = await abandonDatabase();
    // Each server hears of its parent's death from the kernel (setpriv --pdeathsig) and stops.
    await expect.poll(() => abandoned.pids.filter(isAlive), { timeout: 10_000 }).toEqual([]);
    const ours = await createOwnedDataDir(parentDir, PREFIX);
    const unrelated = await fs.mkdtemp(path.join(parentDir, 'other-'));

    const removed = await removeAbandonedDataDirs({
      parentDir,
      prefix: PREFIX,
      executables: await embeddedServerExecutables(cacheDirFromEnv()),
    });

    expect(removed).toEqual([abandoned.dataDir]);
    await expect(fs.stat(abandoned.dataDir)).rejects.toThrow(/ENOENT/);
    expect((await fs.stat(ours)).isDirectory()).toBe(true);
    expect((await fs.stat(unrelated)).isDirectory()).toBe(true);
  });
});
