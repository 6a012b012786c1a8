import fs from 'node:fs/promises';
import os from 'node:os';

import { pino } from 'pino';
import type { TestProject } from 'vitest/node';

import { loadConfig } from '../server/config';
import {
  createOwnedDataDir,
  embeddedServerExecutables,
  removeAbandonedDataDirs,
  startEmbeddedServer,
} from '../embedded-db';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The server every test file connects to, each with a database of its own. */
    mongodbUri: string;
  }
}

const DATA_DIR_PREFIX = 'expert-booking-test-db-';

/**
 * One database server for the whole run: MONGODB_URI when set, else the same embedded server
 * the app uses, on a throw-away data dir. Reads only the real environment, never `.env`, so a
 * developer's database is used only when asked for explicitly.
 */
export default async function setup(project: TestProject) {
  const config = loadConfig(process.env);
  if (config.MONGODB_URI) {
    project.provide('mongodbUri', config.MONGODB_URI);
    return;
  }

  // Warnings and the FerretDB build progress matter; routine start/stop lines do not.
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'warn' });
  // A run killed outright (SIGKILL, a closed CI job) cannot stop its server, which runs detached;
  // without this sweep each such run would leave one behind for good.
  const removed = await removeAbandonedDataDirs({
    parentDir: os.tmpdir(),
    prefix: DATA_DIR_PREFIX,
    executables: await embeddedServerExecutables(config.EMBEDDED_DB_CACHE_DIR),
  });
  if (removed.length > 0) logger.warn({ removed }, 'removed databases abandoned by killed runs');
  const dataDir = await createOwnedDataDir(os.tmpdir(), DATA_DIR_PREFIX);
  try {
    const server = await startEmbeddedServer({
      dataDir,
      cacheDir: config.EMBEDDED_DB_CACHE_DIR,
      logger,
      // Throw-away data: skipping fsync halves the time of each write (npm run bench:embedded-db).
      durable: false,
    });
    project.provide('mongodbUri', server.uri);
    return async () => {
      await server.stop();
      await fs.rm(dataDir, { recursive: true, force: true });
    };
  } catch (error) {
    await fs.rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
