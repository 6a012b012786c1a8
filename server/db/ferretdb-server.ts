import fs from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

import type { Logger } from '../logger';
import { LOOPBACK, onAFreePort, startManagedProcess, type ManagedProcess } from './managed-process';

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
      ? ['--handler=postgresql', `--postgresql-url=${backend.url}`]
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
      logger: options.logger,
    });
    return { ...server, uri: `mongodb://${LOOPBACK}:${port}/` };
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
