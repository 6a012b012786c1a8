import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';

import type { Logger } from 'pino';

import {
  canConnect,
  findExecutable,
  findFreePort,
  stopChild,
  track,
  untrack,
  whenExited,
  writePidFile,
  type RunAs,
} from '../processes';

export const LOOPBACK = '127.0.0.1';
const START_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;

/** A database server process that dies with us (see child-guard) and reports when it is ready. */
export interface ManagedProcess {
  pid: number;
  port: number;
  /** Settles when the process is gone, whether stopped or not. */
  exited: Promise<void>;
  /** Stops the process and waits until it is gone. */
  stop(): Promise<void>;
}

export class PortInUseError extends Error {
  override name = 'PortInUseError';
}

export interface ManagedProcessOptions {
  /** What the logs call it: `mongod`, `ferretdb`, `postgres`. */
  name: string;
  executable: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  runAs?: RunAs;
  cwd: string;
  /** Where its pid file goes, so that a later start can stop it if we die without doing so. */
  dataDir: string;
  port: number;
  /** Resolves true once it serves; default: it accepts TCP connections on the port. */
  isReady?: () => Promise<boolean>;
  /** How a line of its output is logged; lines it marks as noise go to debug. */
  isNoise(line: unknown): boolean;
  /** What of a line may be logged: by default all of it. */
  redact?: (line: unknown) => unknown;
  /** Asks for a clean stop (default SIGTERM). */
  stopSignal?: NodeJS.Signals;
  /** Ends it at once when we exit without stopping it (default SIGKILL). */
  killSignal?: NodeJS.Signals;
  logger: Logger;
}

/** Starts the process and resolves once it is ready; rejects (and kills it) if it is not. */
export async function startManagedProcess(options: ManagedProcessOptions): Promise<ManagedProcess> {
  const log = options.logger.child({ database: options.name });
  const stopSignal = options.stopSignal ?? 'SIGTERM';
  const [command, args] = await withParentDeathSignal(options.executable, options.args, stopSignal);
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    ...options.runAs,
    // Its own process group: a terminal's Ctrl+C goes to the app only, which stops us in order.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  track(child, options.killSignal);
  const exited = whenExited(child);
  const output = captureOutput(child, (line) => {
    const parsed = parseLogLine(line);
    const output = options.redact ? options.redact(parsed) : parsed;
    if (options.isNoise(parsed)) log.debug({ output }, `${options.name} says`);
    else log.warn({ output }, `${options.name} says`);
  });
  const pidFile = child.pid ? await writePidFile(options.dataDir, child.pid) : undefined;
  const cleanUp = async () => {
    untrack(child);
    if (pidFile) await fs.rm(pidFile, { force: true });
  };

  try {
    await waitUntilReady(options, child, output);
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    await cleanUp();
    throw error;
  }
  const pid = child.pid!;
  log.info({ port: options.port, dbPid: pid }, `${options.name} started`);

  let stopping: Promise<void> | undefined;
  const gone = exited.then(async () => {
    if (stopping) return;
    // The supervisor (supervisor.ts) decides what happens next; this records why.
    log.warn(
      { dbPid: pid, exitCode: child.exitCode, signal: child.signalCode, output: output() },
      `${options.name} exited unexpectedly`,
    );
    await cleanUp();
  });
  return {
    pid,
    port: options.port,
    exited: gone,
    stop() {
      stopping ??= (async () => {
        await stopChild(child, exited, STOP_GRACE_MS, stopSignal);
        await cleanUp();
        log.info({ dbPid: pid }, `${options.name} stopped`);
      })();
      return stopping;
    },
  };
}

/**
 * Detached, the server would outlive a parent killed with SIGKILL. On Linux, util-linux's
 * `setpriv --pdeathsig` asks the kernel to send it stopSignal the moment we die, however we die,
 * and then becomes the server (exec: same pid, same command line for child-guard). Without
 * setpriv, the pid file lets the next start stop what we left.
 */
async function withParentDeathSignal(
  executable: string,
  args: string[],
  stopSignal: NodeJS.Signals,
): Promise<[string, string[]]> {
  const setpriv = process.platform === 'linux' ? await findExecutable('setpriv') : undefined;
  if (!setpriv) return [executable, args];
  return [setpriv, ['--pdeathsig', stopSignal, '--', executable, ...args]];
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

/** mongod and FerretDB log one JSON object per line; keep it structured in our logs. */
function parseLogLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return line;
  }
}

async function waitUntilReady(
  options: ManagedProcessOptions,
  child: ChildProcess,
  output: () => string,
): Promise<void> {
  const { name, port } = options;
  const isReady = options.isReady ?? (() => canConnect(LOOPBACK, port, 500));
  let failure: Error | undefined;
  child.once('error', (error) => (failure ??= error));
  // 'close' rather than 'exit': by then stdout/stderr are drained, so the tail is complete.
  child.once('close', (code, signal) => {
    const tail = output();
    const message = `${name} exited during start-up (${signal ?? `exit code ${code}`})`;
    failure ??= /address already in use/i.test(tail)
      ? new PortInUseError(`${message}: port ${port} is in use:\n${tail}`)
      : new Error(`${message}:\n${tail}`);
  });
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (failure) throw failure;
    if (await isReady()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `${name} was not ready on ${LOOPBACK}:${port} within ${START_TIMEOUT_MS / 1000}s:\n${output()}`,
  );
}

/** Runs start on a free loopback port, and on another if someone took that one meanwhile. */
export async function onAFreePort<T>(
  start: (port: number) => Promise<T>,
  logger: Logger,
): Promise<T> {
  const attempts = 3;
  // The port is free when we look, but something else may take it before the server binds it.
  for (let attempt = 1; ; attempt++) {
    const port = await findFreePort(LOOPBACK);
    try {
      return await start(port);
    } catch (error) {
      if (!(error instanceof PortInUseError) || attempt >= attempts) throw error;
      logger.debug({ port }, 'database port was taken meanwhile; trying another');
    }
  }
}
