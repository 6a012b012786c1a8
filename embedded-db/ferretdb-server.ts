import fs from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

import type { Logger } from 'pino';

import { LOOPBACK, onAFreePort, startManagedProcess, type ManagedProcess } from './managed-process';
import { MAX_CONNECTIONS } from './postgres-server';

/**
 * FerretDB 1.24 on PostgreSQL needs two pool connections at once for an update that matches a
 * document (the read's, kept until the command ends, and the write's), and one more per further
 * statement of the command; it waits for them without a limit, holding what it has. Commands
 * that together hold the whole pool while each waits for one more never end, and nothing else
 * gets a connection again: FerretDB is wedged for good (measured with a pool of 40: one
 * command of 60 statements; three of 16 at once; 250 single updates at once, one run in three).
 * No deadlock is possible while the statements in flight are fewer than the pool, so:
 * - every client of the embedded server keeps at most CLIENT_POOL_SIZE commands in flight
 *   (`maxPoolSize` in the URI it is given);
 * - a command carries at most MAX_WRITE_STATEMENTS (16) statements, and a process sends one
 *   such update command at a time (the app: models/chunked-writes.ts; the launcher:
 *   insert-in-chunks.ts);
 * - the pool (`pool_max_conns`, which FerretDB hands to pgxpool as it is, setting 50 only when
 *   the URL has none: internal/backends/postgresql/metadata/pool/uri.go) holds two such clients
 *   at their worst, 2 × (16 + 19) = 70, and stays below PostgreSQL's max_connections, which it
 *   would otherwise reach first and lock everyone else out with "too many clients".
 */
export const CLIENT_POOL_SIZE = 20;
export const MAX_WRITE_STATEMENTS = 16;
export const FERRETDB_POOL_MAX_CONNS = MAX_CONNECTIONS - 20;

/** The URL with FerretDB's pool capped (see FERRETDB_POOL_MAX_CONNS). */
export function withPoolCap(url: string): string {
  const capped = new URL(url);
  capped.searchParams.set('pool_max_conns', String(FERRETDB_POOL_MAX_CONNS));
  return capped.toString();
}

export type FerretdbBackend =
  | { handler: 'postgresql'; url: string }
  /** The folder of one `<database>.sqlite` file per database: what the SQLite version kept. */
  | { handler: 'sqlite'; dir: string };

export interface FerretdbServer extends ManagedProcess {
  uri: string;
}

/** Starts FerretDB on a free loopback port in front of the given storage. */
export async function startFerretdb(options: {
  executable: string;
  backend: FerretdbBackend;
  stateDir: string;
  /** Where its pid file goes (see child-guard); the state dir must be under it. */
  dataDir: string;
  logger: Logger;
  /** Restarts after a crash pass the port it had, so the app's connection URI stays valid. */
  port?: number;
}): Promise<FerretdbServer> {
  const { backend } = options;
  await fs.mkdir(options.stateDir, { recursive: true });
  if (backend.handler === 'sqlite') await fs.mkdir(backend.dir, { recursive: true });
  const storage =
    backend.handler === 'postgresql'
      ? ['--handler=postgresql', `--postgresql-url=${withPoolCap(backend.url)}`]
      : // A directory URI; FerretDB requires the trailing slash.
        ['--handler=sqlite', `--sqlite-url=file:${pathToFileURL(backend.dir).pathname}/`];
  const start = async (port: number) => {
    const server = await startManagedProcess({
      name: 'ferretdb',
      executable: options.executable,
      args: [
        ...storage,
        `--listen-addr=${LOOPBACK}:${port}`,
        // Its metrics/pprof listener defaults to 127.0.0.1:8088, which collides as soon as two
        // instances run (tests run files in parallel); "-" switches it off.
        '--debug-addr=-',
        '--telemetry=disable',
        `--state-dir=${options.stateDir}`,
        // Its warnings include every unsupported command, e.g. the `endSessions` Mongoose sends
        // on disconnect, dumped over many lines; errors are what we need to see.
        '--log-level=error',
        '--log-format=json',
      ],
      cwd: options.dataDir,
      dataDir: options.dataDir,
      port,
      isNoise: isUniqueViolation,
      redact: withoutQueryValues,
      logger: options.logger,
    });
    return { ...server, uri: `mongodb://${LOOPBACK}:${port}/?maxPoolSize=${CLIENT_POOL_SIZE}` };
  };
  return options.port === undefined ? onAFreePort(start, options.logger) : start(options.port);
}

/**
 * On PostgreSQL, FerretDB logs every unique-index violation as an error, yet each is an answer
 * (409 "slot taken"), not a fault.
 */
function isUniqueViolation(line: unknown): boolean {
  return (
    typeof line === 'object' &&
    line !== null &&
    'err' in line &&
    typeof line.err === 'string' &&
    line.err.includes('SQLSTATE 23505')
  );
}

/**
 * FerretDB logs a failed query with its values (`args`): people's addresses, booking keys. The
 * statement and the error say what went wrong without them.
 */
export function withoutQueryValues(line: unknown): unknown {
  if (typeof line !== 'object' || line === null || !('args' in line)) return line;
  return Object.fromEntries(Object.entries(line).filter(([key]) => key !== 'args'));
}
