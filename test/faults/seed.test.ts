import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import mongoose from 'mongoose';

import { loadConfig } from '../../server/config';
import { createAccountsService } from '../../server/services/accounts';
import { startAppProcess } from '../../harness';
import {
  newDataDir,
  startEmbeddedApp,
  stopEmbeddedApp,
  untilReady,
  type EmbeddedApp,
} from '../support/embedded-app';
import { reportFaultCounts } from '../support/fault-report';

// `npm run seed` as a person runs it, on its own and beside the app as `npm start` runs it on the
// same data folder. Needs `npm run build` (the app).

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The bound for each run; a correctness bound, not a speed goal. */
const SEED_LIMIT_MS = 60_000;
const CATALOGUE_SIZE = 72;
const SUMMARY = /^Seeded 72 experts in 8 categories \((\d+) created, (\d+) updated\)/m;
const SHOWN_ONCE = /^Demo password \(shown this once\): (\S+)$/m;
/** The public password every demo login had before this issue (19, row 1). */
const OLD_PUBLIC_PASSWORD = 'demo-expert-pass';

let dataDir: string | undefined;
let running: EmbeddedApp | undefined;

afterEach(async () => {
  await stopEmbeddedApp(running, dataDir);
  running = undefined;
  dataDir = undefined;
});

interface SeedRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** `npm run seed` (development, like `npm run setup`), with nothing from a developer's `.env`. */
function runSeed(env: Record<string, string>, args: string[] = []): Promise<SeedRun> {
  const startedAt = Date.now();
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/seed/main.ts', ...args], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      EMBEDDED_DB_CACHE_DIR: loadConfig(process.env).EMBEDDED_DB_CACHE_DIR,
      // Set empty, `.env` cannot set them: an empty variable counts as unset.
      MONGODB_URI: '',
      REDIS_URL: '',
      SEED_ADMIN_EMAIL: '',
      SEED_ADMIN_PASSWORD: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => {
    child.once('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - startedAt }));
  });
}

async function catalogueTotal(baseUrl: string): Promise<number> {
  const response = await fetch(`${baseUrl}/api/experts?limit=1`);
  const body = (await response.json()) as { pagination: { total: number } };
  return body.pagination.total;
}

/** The app reads its catalogue again when the seed asks; that takes a moment. */
async function untilCatalogueHas(baseUrl: string, total: number): Promise<number> {
  const deadline = Date.now() + 10_000;
  let seen = await catalogueTotal(baseUrl);
  while (seen !== total && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    seen = await catalogueTotal(baseUrl);
  }
  return seen;
}

function signIn(email: string, password: string) {
  return createAccountsService({ clock: () => new Date() }).signIn({
    email,
    password,
    ip: '203.0.113.9',
  });
}

describe('npm run seed at any time', () => {
  it('beside a running app it writes through the app, which serves the new catalogue; then twice on its own in seconds', async () => {
    dataDir = await newDataDir();
    running = await startEmbeddedApp(dataDir);
    const { baseUrl } = running.app;
    expect(await catalogueTotal(baseUrl)).toBe(0);

    // Another app on the same folder stops at once with one sentence naming the one that runs.
    await expect(
      startAppProcess({
        DATA_DIR: dataDir,
        EMBEDDED_DB_CACHE_DIR: loadConfig(process.env).EMBEDDED_DB_CACHE_DIR,
      }),
    ).rejects.toThrow(/Start-up failed: The data folder .* is in use by the app at http/);

    const beside = await runSeed({ DATA_DIR: dataDir });
    expect(beside.stderr).toBe('');
    expect(beside.code).toBe(0);
    expect(beside.stdout).toMatch(SUMMARY);
    expect(beside.stdout).toContain(`Written through the app running at ${baseUrl}`);
    expect(beside.ms).toBeLessThan(SEED_LIMIT_MS);
    expect(await untilCatalogueHas(baseUrl, CATALOGUE_SIZE)).toBe(CATALOGUE_SIZE);
    expect(await untilReady(baseUrl, 5_000)).toBeGreaterThanOrEqual(0);

    // The password printed once opens the demo logins; the old public one opens none.
    const printed = SHOWN_ONCE.exec(beside.stdout)?.[1];
    expect(printed).toBeDefined();
    const file = path.join(dataDir, 'demo-password');
    expect((await fs.readFile(file, 'utf8')).trim()).toBe(printed);
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    const email = /e\.g\. (\S+@experts\.example)/.exec(beside.stdout)?.[1] ?? '';
    expect(await signIn(email, printed!)).toMatchObject({ ok: true, user: { role: 'expert' } });
    expect(await signIn(email, OLD_PUBLIC_PASSWORD)).toMatchObject({ ok: false });

    await mongoose.disconnect();
    await running.app.stop();
    running = undefined;

    const runs = [await runSeed({ DATA_DIR: dataDir })];
    runs.push(await runSeed({ DATA_DIR: dataDir }));
    reportFaultCounts('npm run seed beside the app, then twice alone', {
      besideMs: beside.ms,
      aloneMs: runs.map((run) => run.ms),
      exitCodes: [beside.code, ...runs.map((run) => run.code)],
    });
    for (const run of runs) {
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(SUMMARY.exec(run.stdout)?.slice(1)).toEqual(['0', String(CATALOGUE_SIZE)]);
      // Shown once: the later runs point at the file, and keep the password.
      expect(run.stdout).not.toMatch(SHOWN_ONCE);
      expect(run.stdout).not.toContain(printed);
      expect(run.ms).toBeLessThan(SEED_LIMIT_MS);
    }
    expect((await fs.readFile(file, 'utf8')).trim()).toBe(printed);
  }, 240_000);

  it('a database it cannot reach is one sentence, with no stack and no log lines', async () => {
    dataDir = await newDataDir();

    const run = await runSeed({
      DATA_DIR: dataDir,
      MONGODB_URI: 'mongodb://127.0.0.1:1/expert-booking',
      DB_UNAVAILABLE_TIMEOUT_MS: '500',
    });

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([
      'Seeding failed: the database did not answer: is it running (MONGODB_URI, when set, must ' +
        'point at it)? LOG_LEVEL=debug shows the detail.',
    ]);
  }, 60_000);
});
