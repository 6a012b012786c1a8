import fs from 'node:fs/promises';
import path from 'node:path';

import type { Logger } from 'pino';

import { findExecutable, killOrphans } from '../processes';
import { ensureFerretdbBinary, FERRETDB_VERSION, ferretdbBinaryPath } from './ferretdb-binary';
import { startFerretdb, type FerretdbServer } from './ferretdb-server';
import { probeMongoServer, probePostgres, type LivenessTiming } from './liveness';
import { LOOPBACK, onAFreePort, startManagedProcess } from './managed-process';
import { postgresExecutable, startPostgres } from './postgres-server';
import { ensurePushdownIndexes } from './pushdown-indexes';
import { migrateSqliteData } from './sqlite-migration';
import { supervise, type SupervisedProcess } from './supervisor';

export interface EmbeddedServer {
  /** `mongodb://127.0.0.1:<port>/`, for this process only (it dies with it). */
  uri: string;
  /** Every process running for it now: FerretDB and PostgreSQL, or mongod. */
  readonly pids: number[];
  /**
   * Called once the app's indexes exist in database `dbName`: adds what this server needs
   * besides them for its reads to use an index (FerretDB on PostgreSQL); nothing for mongod.
   */
  completeIndexes(dbName: string): Promise<void>;
  /**
   * Ends supervision (see supervisor.ts), then stops every process and waits until they are gone.
   * The app calls it on graceful shutdown.
   */
  stop(): Promise<void>;
}

export class EmbeddedDatabaseUnavailableError extends Error {
  override name = 'EmbeddedDatabaseUnavailableError';
}

export interface EmbeddedServerOptions {
  dataDir: string;
  cacheDir: string;
  logger: Logger;
  /** false for throw-away test data (see PostgresOptions); mongod ignores it. */
  durable?: boolean;
  /** How often and how patiently each server is probed (default DEFAULT_LIVENESS). */
  liveness?: LivenessTiming;
}

/**
 * Starts a MongoDB-compatible server on a free loopback port with its data under dataDir:
 * `mongod` when it is installed, else FerretDB (built with Go into cacheDir on first use) on
 * PostgreSQL from npm. Data left by the SQLite version is moved into PostgreSQL first.
 */
export async function startEmbeddedServer(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const dataDir = path.resolve(options.dataDir);
  const mongod = await findExecutable('mongod');
  if (mongod) return startMongod(mongod, dataDir, options.logger, options.liveness);
  return startFerretdbOnPostgres({ ...options, dataDir });
}

/** Every executable startEmbeddedServer may run, installed or not, to recognise its servers. */
export async function embeddedServerExecutables(cacheDir: string): Promise<string[]> {
  const mongod = await findExecutable('mongod');
  const postgres = await postgresExecutable().catch(() => undefined);
  return [
    ferretdbBinaryPath(cacheDir),
    ...(postgres ? [postgres] : []),
    ...(mongod ? [mongod] : []),
  ];
}

async function startMongod(
  mongod: string,
  dataDir: string,
  logger: Logger,
  timing?: LivenessTiming,
): Promise<EmbeddedServer> {
  const dbPath = path.join(dataDir, 'mongod');
  await fs.mkdir(dbPath, { recursive: true });
  await killOrphans(dataDir, mongod);
  const start = async (port: number) => {
    const mongodProcess = await startManagedProcess({
      name: 'mongod',
      executable: mongod,
      args: ['--dbpath', dbPath, '--bind_ip', LOOPBACK, '--port', String(port)],
      cwd: dataDir,
      dataDir,
      port,
      // It chats at info level; what matters reaches us through the driver.
      isNoise: () => true,
      logger,
    });
    return { ...mongodProcess, uri: `mongodb://${LOOPBACK}:${port}/` };
  };
  const first = await onAFreePort(start, logger);
  const supervised = supervise({
    name: 'mongod',
    first,
    restart: () => start(first.port),
    logger,
    liveness: { probe: (timeoutMs) => probeMongoServer(first.uri, timeoutMs), timing },
  });
  return {
    uri: first.uri,
    get pids() {
      return runningPids([supervised]);
    },
    stop: supervised.stop,
    completeIndexes: () => Promise.resolve(),
  };
}

function runningPids(processes: SupervisedProcess[]): number[] {
  return processes.flatMap((process) => process.pid() ?? []);
}

async function startFerretdbOnPostgres(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const { dataDir, logger, liveness: timing } = options;
  const ferretdb = await ensureFerretdbBinary({ cacheDir: options.cacheDir, logger });
  if (!ferretdb) {
    throw new EmbeddedDatabaseUnavailableError(
      'No database available: MONGODB_URI is not set, `mongod` is not on PATH, and Go is not ' +
        `installed to build FerretDB ${FERRETDB_VERSION}. Do one of: set MONGODB_URI to a ` +
        'MongoDB server (e.g. mongodb://127.0.0.1:27017/expert-booking), install MongoDB so ' +
        '`mongod` is on PATH, or install Go 1.24+ (https://go.dev/dl/) and run `npm run db:install`.',
    );
  }
  // FerretDB first: an orphan of it may still hold connections to the orphaned PostgreSQL.
  await killOrphans(dataDir, ferretdb);
  await killOrphans(dataDir, await postgresExecutable());

  const durable = options.durable ?? true;
  const firstPostgres = await startPostgres({ dataDir, durable, logger });
  const ferretdbOn = (port?: number) =>
    startFerretdb({
      executable: ferretdb,
      backend: { handler: 'postgresql', url: firstPostgres.url },
      stateDir: path.join(dataDir, 'ferretdb-state'),
      dataDir,
      logger,
      port,
    });
  let firstFerretdb: FerretdbServer;
  try {
    firstFerretdb = await ferretdbOn();
  } catch (error) {
    await firstPostgres.stop();
    throw error;
  }
  const postgres = supervise({
    name: 'postgres',
    first: firstPostgres,
    restart: () => startPostgres({ dataDir, durable, logger, port: firstPostgres.port }),
    logger,
    liveness: { probe: (timeoutMs) => probePostgres(firstPostgres.url, timeoutMs), timing },
  });
  const server = supervise({
    name: 'ferretdb',
    first: firstFerretdb,
    // FerretDB started while PostgreSQL is down would only answer errors.
    restart: async () => {
      await postgres.running();
      return ferretdbOn(firstFerretdb.port);
    },
    logger,
    liveness: {
      probe: (timeoutMs) => probeMongoServer(firstFerretdb.uri, timeoutMs),
      // Its probe reaches PostgreSQL; when that does not answer, PostgreSQL is the one to restart.
      excused: () => !postgres.answering(),
      timing,
    },
  });
  const stop = async () => {
    // Supervision ends before anything stops, so that no restart brings a server back meanwhile.
    await postgres.halt();
    await server.stop();
    await postgres.stop();
  };
  try {
    await migrateSqliteData({ dataDir, ferretdb, targetUri: firstFerretdb.uri, logger });
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    uri: firstFerretdb.uri,
    get pids() {
      return runningPids([server, postgres]);
    },
    stop,
    async completeIndexes(dbName) {
      await ensurePushdownIndexes(firstPostgres.url, dbName, logger);
    },
  };
}
