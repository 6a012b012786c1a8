import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { assertDataDirFree, findRunningApp, recordRunningApp } from './running-app';

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

async function dataDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'running-app-'));
  folders.push(dir);
  return dir;
}

/** The pid of a process that has come and gone. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

describe('the running-app record (DATA_DIR/server.json)', () => {
  it('is ignored and removed when the process that wrote it is gone', async () => {
    const dir = await dataDir();
    const file = path.join(dir, 'server.json');
    await fs.writeFile(
      file,
      JSON.stringify({
        owner: 'app',
        pid: deadPid(),
        uri: 'mongodb://127.0.0.1:1/',
        dbName: 'expert-booking',
        startedAt: new Date().toISOString(),
      }),
    );

    expect(await findRunningApp(dir)).toBeUndefined();
    await expect(fs.stat(file)).rejects.toThrow();
    await expect(assertDataDirFree(dir)).resolves.toBeUndefined();
  });

  it('is written readable by its owner only, and removed by its writer', async () => {
    const dir = await dataDir();
    const record = await recordRunningApp(dir, {
      owner: 'seed',
      uri: 'mongodb://127.0.0.1:1/',
      dbName: 'expert-booking',
    });
    const file = path.join(dir, 'server.json');
    expect(JSON.parse(await fs.readFile(file, 'utf8'))).toMatchObject({
      owner: 'seed',
      pid: process.pid,
    });
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);

    record.remove();

    await expect(fs.stat(file)).rejects.toThrow();
  });
});
