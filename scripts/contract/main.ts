import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { pino } from 'pino';

import { loadConfig } from '../../server/config';
import { openDatabase } from '../../server/db/database';
import { startAppProcess } from '../../harness';
import { withDatabaseName } from '../bench/database-uri';
import { schemathesisConfig, type KnownIds } from './schemathesis-config';
import { ensureSchemathesis } from './schemathesis';
import { buildCatalogue } from '../seed/catalogue';
import { seedDatabase } from '../seed/seed-database';

/**
 * `npm run test:contract`: checks the running API against its own OpenAPI document with
 * Schemathesis. Starts a throw-away database (embedded, or a database of its own on MONGODB_URI),
 * seeds a few experts and books one slot so that real ids exist, runs the app as `npm start`
 * does on a free loopback port with the rate limits off, runs every operation with every check
 * Schemathesis has, stops everything, and exits non-zero on any failure.
 */

const EXPERTS = 6;
/** Test cases per operation and phase: enough to find mistakes, done in minutes on 2 cores. */
const MAX_EXAMPLES = Number(process.env.CONTRACT_MAX_EXAMPLES ?? 100);
const REPORT_FILE = 'test-results/schemathesis.txt';
/** pino's level number for `warn`. */
const WARN_LEVEL = 40;

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function json<T>(response: Response): Promise<T> {
  const body = (await response.json()) as T;
  if (!response.ok) throw new Error(`${response.url}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

/** Books the first free slot of each of the first experts, for the booking calls' real ids. */
async function knownIds(url: string): Promise<KnownIds> {
  const list = await json<{ data: { id: string }[] }>(await fetch(`${url}/api/experts?limit=50`));
  const expertIds = list.data.map((expert) => expert.id);
  const bookingIds: string[] = [];
  for (const [index, expertId] of expertIds.slice(0, 3).entries()) {
    const expert = await json<{
      data: { slots: { date: string; timeSlot: string; available: boolean }[] };
    }>(await fetch(`${url}/api/experts/${expertId}?days=30`));
    const slot = expert.data.slots.find((candidate) => candidate.available);
    if (!slot) continue;
    const booked = await json<{ data: { id: string } }>(
      await fetch(`${url}/api/bookings`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          expertId,
          name: 'Contract Test',
          email: `contract-${index}@example.com`,
          phone: '+44 20 7946 0958',
          date: slot.date,
          timeSlot: slot.timeSlot,
        }),
      }),
    );
    bookingIds.push(booked.data.id);
  }
  if (expertIds.length === 0 || bookingIds.length === 0) {
    throw new Error('Seeding gave no experts or no free slot to book.');
  }
  return { expertIds, bookingIds };
}

/** The run's counts from Schemathesis' JUnit report: one test per operation, and the stateful one. */
async function junitCounts(file: string): Promise<{ passed: number; failed: number } | undefined> {
  const xml = await fs.readFile(file, 'utf8').catch(() => '');
  const suite = /<testsuites\b([^>]*)>/.exec(xml)?.[1];
  if (!suite) return undefined;
  const count = (name: string) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(suite)?.[1] ?? 0);
  const failed = count('failures') + count('errors');
  return { failed, passed: count('tests') - failed - count('skipped') };
}

/**
 * Schemathesis' own report goes to a file and is printed only when the run fails: its closing
 * line ("1 warning in 31s") reads like a test runner's summary of a run of no tests, which would
 * hide vitest's summary from whoever reads the output of `npm test`.
 */
async function runSchemathesis(st: string, args: string[], reportFile: string): Promise<number> {
  await fs.mkdir(path.dirname(reportFile), { recursive: true });
  const report = await fs.open(reportFile, 'w');
  try {
    return await new Promise<number>((resolve, reject) => {
      const child = spawn(st, args, {
        stdio: ['ignore', report.fd, report.fd],
        env: { ...process.env, NO_COLOR: '1' },
      });
      child.once('error', reject);
      child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    });
  } finally {
    await report.close();
  }
}

async function main(): Promise<number> {
  // The real environment only, never `.env`: a developer's database is used only when asked.
  const config = loadConfig(process.env);
  const st = await ensureSchemathesis(config.EMBEDDED_DB_CACHE_DIR, say);

  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'expert-booking-contract-'));
  const stops: Array<() => Promise<void>> = [
    () => fs.rm(dataDir, { recursive: true, force: true }),
  ];
  try {
    const dbName = `contract_${process.pid}_${randomBytes(3).toString('hex')}`;
    say('Starting a throw-away database and seeding experts…');
    const database = await openDatabase({ ...config, DATA_DIR: dataDir }, pino({ level: 'warn' }), {
      dbName,
    });
    stops.unshift(() => database.close());
    await seedDatabase({ experts: buildCatalogue({ today: new Date(), size: EXPERTS }) });

    const adminToken = randomBytes(24).toString('base64url');
    say('Starting the app…');
    const app = await startAppProcess(
      {
        MONGODB_URI: withDatabaseName(database.uri, dbName),
        DATA_DIR: dataDir,
        ADMIN_TOKEN: adminToken,
      },
      { logFile: path.join(dataDir, 'app.log') },
    );
    stops.unshift(() => app.stop());

    const configFile = path.join(dataDir, 'schemathesis.toml');
    const junitFile = path.join(dataDir, 'junit.xml');
    await fs.writeFile(configFile, schemathesisConfig(await knownIds(app.baseUrl)));
    say(`Running Schemathesis against ${app.baseUrl}/api/openapi.json…`);
    const code = await runSchemathesis(
      st,
      [
        '--config-file',
        configFile,
        'run',
        `${app.baseUrl}/api/openapi.json`,
        '--max-examples',
        String(MAX_EXAMPLES),
        '--header',
        `Authorization: Bearer ${adminToken}`,
        '--report',
        'junit',
        '--report-junit-path',
        junitFile,
        '--seed',
        process.env.CONTRACT_SEED ?? String(Date.now() % 100_000),
        // More options for Schemathesis, e.g. `-- --include-path /api/bookings`.
        ...process.argv.slice(2),
      ],
      REPORT_FILE,
    );
    if (code === 0) {
      say(`Schemathesis' report: ${REPORT_FILE}`);
    } else {
      say(await fs.readFile(REPORT_FILE, 'utf8'));
      // Warnings and errors only: the request lines of the run would bury them.
      const warnings = app.logs().filter((line) => Number(line.level) >= WARN_LEVEL);
      say(
        `The app's last warnings:\n${warnings
          .slice(-40)
          .map((line) => JSON.stringify(line))
          .join('\n')}`,
      );
    }
    const counts = await junitCounts(junitFile);
    if (counts) say(`contract: ${counts.passed} passed, ${counts.failed} failed`);
    return code;
  } finally {
    for (const stop of stops) await stop().catch(() => undefined);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
