import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { isAlive, killOrphans } from './child-guard';

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'expert-booking-child-guard-test-'));
const started: number[] = [];

afterAll(async () => {
  for (const pid of started.filter(isAlive)) process.kill(pid, 'SIGKILL');
  await fs.rm(dataDir, { recursive: true, force: true });
});

/**
 * A stand-in for a database server of dataDir (its command line names the data dir, as theirs
 * do), recorded in a pid file as child of parentPid. Started without a parent-death signal, as
 * where setpriv is missing.
 */
async function fakeServer(parentPid: number): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', dataDir], {
    detached: true,
    stdio: 'ignore',
  });
  child.unref();
  const pid = child.pid!;
  started.push(pid);
  await fs.mkdir(path.join(dataDir, 'pids'), { recursive: true });
  await fs.writeFile(path.join(dataDir, 'pids', `${pid}.json`), JSON.stringify({ pid, parentPid }));
  return pid;
}

describe('killOrphans', () => {
  it('stops a server whose parent died and leaves one whose parent runs', async () => {
    const deadParent = spawnSync('true').pid;
    const orphan = await fakeServer(deadParent);
    const adopted = await fakeServer(process.pid);

    await killOrphans(dataDir, process.execPath);

    expect(isAlive(orphan)).toBe(false);
    expect(isAlive(adopted)).toBe(true);
    expect(await fs.readdir(path.join(dataDir, 'pids'))).toEqual([`${adopted}.json`]);
  });
});
