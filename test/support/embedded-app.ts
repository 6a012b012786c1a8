import fs from 'node:fs/promises';
import os from 'node:os';

import mongoose from 'mongoose';
import { afterAll, beforeAll } from 'vitest';

import { loadConfig } from '../../server/config';
import { createOwnedDataDir } from '../../embedded-db';
import { startAppProcess, type AppProcess } from '../../harness';
import { createStreamExpert, streamBookings, type BookingAttempt } from './booking-stream';

/** The global setup's prefix: a run killed outright leaves folders its next run sweeps away. */
const DATA_DIR_PREFIX = 'expert-booking-test-db-';

/** The app's database name on its embedded server (server/db/database.ts). */
const EMBEDDED_DB_NAME = 'expert-booking';

export interface EmbeddedApp {
  app: AppProcess;
  dataDir: string;
  /** The pid of the embedded `postgres` or `ferretdb` that runs now, from the app's log. */
  databasePid(name: 'postgres' | 'ferretdb'): number;
  /** Resolves once the app logs a start of `name` with a pid other than `before`. */
  untilRestarted(name: 'postgres' | 'ferretdb', before: number, timeoutMs?: number): Promise<void>;
}

export function newDataDir(): Promise<string> {
  return createOwnedDataDir(os.tmpdir(), DATA_DIR_PREFIX);
}

export function removeDataDir(dataDir: string): Promise<void> {
  return fs.rm(dataDir, { recursive: true, force: true });
}

/**
 * The app as `npm start` runs it, with its embedded database in `dataDir` and `env` besides; the
 * test's default Mongoose connection (the models') is connected to that database, to set up data
 * and to see what the app stored. Disconnect it before the app goes away for good.
 */
export async function startEmbeddedApp(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<EmbeddedApp> {
  const app = await startAppProcess({
    DATA_DIR: dataDir,
    EMBEDDED_DB_CACHE_DIR: loadConfig(process.env).EMBEDDED_DB_CACHE_DIR,
    ...env,
  });
  const started = (name: string) =>
    app.logs().filter((line) => line.database === name && line.msg === `${name} started`);
  const ferretdb = started('ferretdb').at(-1);
  if (!ferretdb) throw new Error('the app logged no FerretDB start');
  await mongoose.connect(`mongodb://127.0.0.1:${String(ferretdb.port)}/`, {
    dbName: EMBEDDED_DB_NAME,
    autoIndex: false,
    autoCreate: false,
  });
  const databasePid = (name: 'postgres' | 'ferretdb') => {
    const line = started(name).at(-1);
    if (typeof line?.dbPid !== 'number') throw new Error(`the app logged no ${name} start`);
    return line.dbPid;
  };
  return {
    app,
    dataDir,
    databasePid,
    async untilRestarted(name, before, timeoutMs = 30_000) {
      const since = Date.now();
      while (databasePid(name) === before) {
        if (Date.now() - since > timeoutMs) throw new Error(`the app did not start ${name} again`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
}

/**
 * Ends what startEmbeddedApp began: the models' connection first (it would otherwise wait for a
 * server that is going away), then the app, then the data folder.
 */
export async function stopEmbeddedApp(
  embedded: EmbeddedApp | undefined,
  dataDir = embedded?.dataDir,
): Promise<void> {
  await mongoose.disconnect();
  await embedded?.app.stop();
  if (dataDir) await removeDataDir(dataDir);
}

/**
 * One app for a whole test file, on a data folder of its own: started before its tests, stopped
 * after them. The handle returned is filled in once the app has started.
 */
export function useEmbeddedApp(): EmbeddedApp {
  const handle = {} as EmbeddedApp;
  let dataDir: string | undefined;
  let started: EmbeddedApp | undefined;
  beforeAll(async () => {
    dataDir = await newDataDir();
    started = await startEmbeddedApp(dataDir);
    Object.assign(handle, started);
  });
  afterAll(() => stopEmbeddedApp(started, dataDir));
  return handle;
}

/**
 * Streams `count` bookings of a new expert into the app and kills its `name` server outright
 * (SIGKILL) once `killAfter` of them are answered; resolves once every booking is answered.
 */
export async function killDuringStream(
  embedded: EmbeddedApp,
  name: 'postgres' | 'ferretdb',
  { count, concurrency, killAfter }: { count: number; concurrency: number; killAfter: number },
): Promise<{ expertId: string; killed: number; attempts: BookingAttempt[] }> {
  const expertId = await createStreamExpert();
  const killed = embedded.databasePid(name);
  const stream = await streamBookings({
    baseUrl: embedded.app.baseUrl,
    expertId,
    count,
    concurrency,
  });
  await stream.answered(killAfter);
  process.kill(killed, 'SIGKILL');
  return { expertId, killed, attempts: await stream.done };
}

/** Polls `/readyz` until it answers 200; resolves how long that took. */
export async function untilReady(baseUrl: string, timeoutMs = 60_000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const status = await fetch(`${baseUrl}/readyz`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${baseUrl}/readyz did not answer 200 within ${timeoutMs} ms`);
}
