import fs from 'node:fs/promises';
import os from 'node:os';

import mongoose from 'mongoose';

import { loadConfig } from '../../server/config';
import { createOwnedDataDir } from '../../embedded-db';
import { startAppProcess, type AppProcess } from './app-process';

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
