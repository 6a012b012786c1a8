import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { demoPassword } from './demo-password';

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

async function dataDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'demo-password-'));
  folders.push(dir);
  return path.join(dir, 'data');
}

describe('demoPassword', () => {
  it('makes a random password per data folder, kept only once saved, readable by its owner only', async () => {
    const first = await dataDir();
    const second = await dataDir();

    const made = await demoPassword(first);
    expect(made.created).toBe(true);
    await expect(fs.stat(made.file)).rejects.toThrow();
    await made.save();
    const other = await demoPassword(second);
    await other.save();

    expect(made.password).toMatch(/^[\w-]{20}$/);
    expect(other.password).not.toBe(made.password);
    expect((await fs.stat(made.file)).mode & 0o777).toBe(0o600);
    expect(await demoPassword(first)).toMatchObject({ password: made.password, created: false });
  });

  it('makes the file owner-only again when it was given wider permissions', async () => {
    const made = await demoPassword(await dataDir());
    await made.save();
    await fs.chmod(made.file, 0o644);

    await demoPassword(path.dirname(made.file));

    expect((await fs.stat(made.file)).mode & 0o777).toBe(0o600);
  });
});
