import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import type { Logger } from '../logger';
import { killOrphans, track, untrack, writePidFile } from './child-guard';
import { stopChild, whenExited } from './child-process';
import {
  ensureFerretdbBinary,
  FERRETDB_VERSION,
  ferretdbBinaryPath,
  findExecutable,
} from './ferretdb-binary';
import { canConnect, findFreePort } from './free-port';

export interface EmbeddedServer {
  /** `mongodb://127.0.0.1:<port>/`, for this process only (it dies with it). */
  uri: string;
  /** The database server's process id. */
  pid: number;
  /** Stops the server and waits until it is gone. The app calls it on graceful shutdown. */
  stop(): Promise<void>;
}

export class EmbeddedDatabaseUnavailableError extends Error {
  override name = 'EmbeddedDatabaseUnavailableError';
}

const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;
const PORT_ATTEMPTS = 3;

interface Launch {
  kind: 'mongod' | 'ferretdb';
  executable: string;
  args(port: number): string[];
}

/**
 * Starts a MongoDB-compatible server on a free loopback port with its data under dataDir:
 * `mongod` when it is installed, else FerretDB on SQLite, built with Go into cacheDir on first use.
 */
export async function startEmbeddedServer(options: {
  dataDir: string;
  cacheDir: string;
  logger: Logger;
}): Promise<EmbeddedServer> {
  const dataDir = path.resolve(options.dataDir);
  const launch = await chooseLaunch(dataDir, options.cacheDir, options.logger);
  await killOrphans(dataDir, launch.executable);
  // The port is free when we look, but something else may take it before the server binds it.
  for (let attempt = 1; ; attempt++) {
    const port = await findFreePort(HOST);
    try {
      return await startProcess(launch, port, dataDir, options.logger);
    } catch (error) {
      if (!(error instanceof PortInUseError) || attempt >= PORT_ATTEMPTS) throw error;
      options.logger.debug({ port }, 'database port was taken meanwhile; trying another');
    }
  }
}

/** Every executable startEmbeddedServer may run, installed or not, to recognise its servers. */
export async function embeddedServerExecutables(cacheDir: string): Promise<string[]> {
  const mongod = await findExecutable('mongod');
  return [ferretdbBinaryPath(cacheDir), ...(mongod ? [mongod] : [])];
}

async function chooseLaunch(dataDir: string, cacheDir: string, logger: Logger): Promise<Launch> {
  const mongod = await findExecutable('mongod');
  if (mongod) {
    const dbPath = path.join(dataDir, 'mongod');
    await fs.mkdir(dbPath, { recursive: true });
    return {
      kind: 'mongod',
      executable: mongod,
      args: (port) => ['--dbpath', dbPath, '--bind_ip', HOST, '--port', String(port)],
    };
  }

  const ferretdb = await ensureFerretdbBinary({ cacheDir, logger });
  if (!ferretdb) {
    throw new EmbeddedDatabaseUnavailableError(
      'No database available: MONGODB_URI is not set, `mongod` is not on PATH, and Go is not ' +
        `installed to build FerretDB ${FERRETDB_VERSION}. Do one of: set MONGODB_URI to a ` +
        'MongoDB server (e.g. mongodb://127.0.0.1:27017/expert-booking), install MongoDB so ' +
        '`mongod` is on PATH, or install Go 1.24+ (https://go.dev/dl/) and run `npm run db:install`.',
    );
  }
  const sqliteDir = path.join(dataDir, 'ferretdb');
  const stateDir = path.join(dataDir, 'ferretdb-state');
  await fs.mkdir(sqliteDir, { recursive: true });
  await fs.mkdir(stateDir, { recursive: true });
  return {
    kind: 'ferretdb',
    executable: ferretdb,
    args: (port) => [
      '--handler=sqlite',
      // A directory URI; FerretDB requires the trailing slash and keeps one file per database.
      `--sqlite-url=file:${pathToFileURL(sqliteDir).pathname}/`,
      `--listen-addr=${HOST}:${port}`,
      // Its metrics/pprof listener defaults to 127.0.0.1:8088, which collides as soon as two
      // instances run (tests run files in parallel); "-" switches it off.
      '--debug-addr=-',
      '--telemetry=disable',
      `--state-dir=${stateDir}`,
      // Its warnings include every unsupported command, e.g. the `endSessions` Mongoose sends
      // on disconnect, dumped over many lines; errors are what we need to see.
      '--log-level=error',
      '--log-format=json',
    ],
  };
}

class PortInUseError extends Error {}

async function startProcess(
  launch: Launch,
  port: number,
  dataDir: string,
  logger: Logger,
): Promise<EmbeddedServer> {
  const log = logger.child({ database: launch.kind });
  const child = spawn(launch.executable, launch.args(port), {
    cwd: dataDir,
    // Its own process group: a terminal's Ctrl+C goes to the app only, which stops us in order.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  track(child);
  const exited = whenExited(child);
  // FerretDB runs at error level, so whatever it says matters; mongod chats at info level.
  const output = captureOutput(child, (line) =>
    launch.kind === 'ferretdb'
      ? log.warn({ output: parseLogLine(line) }, 'ferretdb says')
      : log.debug({ output: parseLogLine(line) }, 'mongod says'),
  );
  const pidFile = child.pid ? await writePidFile(dataDir, child.pid) : undefined;
  const cleanUp = async () => {
    untrack(child);
    if (pidFile) await fs.rm(pidFile, { force: true });
  };

  try {
    await waitUntilListening(launch.kind, child, port, output);
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    await cleanUp();
    throw error;
  }
  const pid = child.pid!;
  log.info({ port, dbPid: pid }, 'embedded database started');

  let stopping: Promise<void> | undefined;
  void exited.then(() => {
    if (stopping) return;
    log.error({ dbPid: pid, output: output() }, 'embedded database exited unexpectedly');
    void cleanUp();
  });
  return {
    uri: `mongodb://${HOST}:${port}/`,
    pid,
    stop() {
      stopping ??= (async () => {
        await stopChild(child, exited, STOP_GRACE_MS);
        await cleanUp();
        log.info({ dbPid: pid }, 'embedded database stopped');
      })();
      return stopping;
    },
  };
}

/** Drains stdout/stderr (a full pipe would block the server) and keeps the tail for errors. */
function captureOutput(child: ChildProcess, onLine: (line: string) => void): () => string {
  const lines: string[] = [];
  const add = (chunk: string) => {
    for (const line of chunk.split('\n')) {
      if (!line.trim()) continue;
      lines.push(line);
      if (lines.length > 40) lines.shift();
      onLine(line);
    }
  };
  child.stdout?.setEncoding('utf8').on('data', add);
  child.stderr?.setEncoding('utf8').on('data', add);
  return () => lines.join('\n');
}

/** Both servers log one JSON object per line; keep it structured in our logs. */
function parseLogLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return line;
  }
}

async function waitUntilListening(
  kind: Launch['kind'],
  child: ChildProcess,
  port: number,
  output: () => string,
): Promise<void> {
  let failure: Error | undefined;
  child.once('error', (error) => (failure ??= error));
  // 'close' rather than 'exit': by then stdout/stderr are drained, so the tail is complete.
  child.once('close', (code, signal) => {
    const tail = output();
    const message = `${kind} exited during start-up (${signal ?? `exit code ${code}`})`;
    failure ??= /address already in use/i.test(tail)
      ? new PortInUseError(`${message}: port ${port} is in use:\n${tail}`)
      : new Error(`${message}:\n${tail}`);
  });
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (failure) throw failure;
    if (await canConnect(HOST, port, 500)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `${kind} did not accept connections on ${HOST}:${port} within ` +
      `${START_TIMEOUT_MS / 1000}s:\n${output()}`,
  );
}
