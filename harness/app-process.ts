import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { stopChild, track, untrack, whenExited } from '../processes';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** A bench's app reads a large catalogue before it listens. */
const START_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 10_000;
/** The app says where it listens at `info`; a quieter level would leave us waiting. */
const LEVELS_THAT_SAY_WHERE = new Set(['info', 'debug', 'trace']);

/**
 * How node runs the app, here and in `npm start` alike (a test keeps the two the same). A young
 * generation of 32 MB instead of 16: under load each page's render is garbage within
 * milliseconds, and with room for fifty renders in flight fewer of them are copied into the old
 * generation to be swept there (8-10 % less CPU per expert page at 50 clients, for about 30 MB).
 */
export const APP_NODE_FLAGS = ['--max-semi-space-size=32', '--enable-source-maps'] as const;

/** One line of the app's JSON log (anything else it printed is kept as `msg`). */
export interface AppLogLine {
  msg: string;
  [field: string]: unknown;
}

export interface AppExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface AppProcess {
  baseUrl: string;
  pid: number;
  /** Every line logged so far. */
  logs(): AppLogLine[];
  /** The last lines logged, for a failure message. */
  logTail(lines?: number): string;
  /** Settles once the process is gone, however it went. */
  exited: Promise<AppExit>;
  /** SIGTERM (the app's graceful shutdown), SIGKILL after a grace period; waits until gone. */
  stop(): Promise<void>;
}

export interface AppProcessOptions {
  /**
   * Where the app's log goes, as a production log would, instead of into this process's memory:
   * for long runs (the bench) whose log this process would otherwise have to hold.
   */
  logFile?: string;
  /** More options for node, e.g. `--cpu-prof` (which NODE_OPTIONS does not take). */
  nodeArgs?: string[];
}

/**
 * The app exactly as `npm start` runs it (`build/server.js`, compiled with the pages by
 * `npm run build`), in a process and process group of its own on a free loopback port, with
 * rate limits off. Its database: `MONGODB_URI` when given, else the embedded one in `DATA_DIR`
 * (`env` sets either, and anything else). Only PATH and HOME come from this process's
 * environment, and live updates and mail stay local whatever a `.env` says: a run never reaches
 * a developer's Redis or SMTP server. The tests and the scripts (bench, contract test) share it.
 */
export async function startAppProcess(
  env: Record<string, string>,
  options: AppProcessOptions = {},
): Promise<AppProcess> {
  if (env.LOG_LEVEL && !LEVELS_THAT_SAY_WHERE.has(env.LOG_LEVEL)) {
    throw new Error(`LOG_LEVEL=${env.LOG_LEVEL} hides the line that says where the app listens`);
  }
  const logFd = options.logFile === undefined ? undefined : openSync(options.logFile, 'a');
  // The file may hold an earlier run's lines (the bench starts a second app on the same log):
  // this app's log, its "listening on" line included, begins here.
  const logStart = logFd === undefined ? 0 : fstatSync(logFd).size;
  const output = logFd ?? 'pipe';
  const nodeArgs = options.nodeArgs ?? [];
  const child = spawn(process.execPath, [...nodeArgs, ...APP_NODE_FLAGS, 'build/server.js'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      // An empty value overrides a .env's (the app's .env fills only what is unset).
      REDIS_URL: '',
      SMTP_URL: '',
      // One address at thousands of requests a minute: per-client limits would answer 429.
      RATE_LIMIT_WRITES_PER_MINUTE: '0',
      RATE_LIMIT_REQUESTS_PER_MINUTE: '0',
      DB_MAX_PENDING_PER_CLIENT: '0',
      // Production refuses to start without one.
      SESSION_SECRET: randomBytes(32).toString('hex'),
      ...env,
    },
    // A group of its own: a test can kill it the way a supervisor kills a service, and a
    // terminal's Ctrl+C reaches only the script, which stops the app in order.
    detached: true,
    stdio: ['ignore', output, output],
  });
  if (logFd !== undefined) closeSync(logFd);
  // If this process dies without stopping it, the app goes too.
  track(child);
  const exited = new Promise<AppExit>((resolve) => {
    void whenExited(child).then(() => resolve({ code: child.exitCode, signal: child.signalCode }));
  });
  void exited.then(() => untrack(child));

  const logs =
    options.logFile === undefined ? collectLines(child) : readLines(options.logFile, logStart);
  const logTail = (lines = 40) =>
    logs()
      .slice(-lines)
      .map((line) => JSON.stringify(line))
      .join('\n');

  try {
    const baseUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the app did not start in time:\n${logTail()}`)),
        START_TIMEOUT_MS,
      );
      const poll = setInterval(() => {
        const listening = logs()
          .map((line) => /listening on (http:\/\/[\d.:]+)/.exec(line.msg))
          .find(Boolean);
        if (!listening) return;
        clearTimeout(timer);
        clearInterval(poll);
        resolve(listening[1]!);
      }, 20);
      void exited.then(() => {
        clearTimeout(timer);
        clearInterval(poll);
        reject(new Error(`the app exited during start-up:\n${logTail()}`));
      });
    });
    return {
      baseUrl,
      pid: child.pid!,
      logs,
      logTail,
      exited,
      async stop() {
        await stopChild(child, whenExited(child), STOP_GRACE_MS);
        await exited;
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    throw error;
  }
}

/** Keeps every line the child writes to its pipes. */
function collectLines(child: ReturnType<typeof spawn>): () => AppLogLine[] {
  const lines: AppLogLine[] = [];
  let partial = '';
  const onData = (chunk: Buffer) => {
    const text = partial + chunk.toString('utf8');
    const complete = text.split('\n');
    partial = complete.pop() ?? '';
    for (const line of complete.filter((each) => each.trim())) lines.push(parseLine(line));
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  return () => lines;
}

/** Reads the log file from `start` afresh on each call. */
function readLines(file: string, start: number): () => AppLogLine[] {
  return () => {
    let fd: number | undefined;
    try {
      fd = openSync(file, 'r');
      const buffer = Buffer.alloc(Math.max(0, fstatSync(fd).size - start));
      const read = readSync(fd, buffer, 0, buffer.length, start);
      return buffer
        .subarray(0, read)
        .toString('utf8')
        .split('\n')
        .filter((line) => line.trim())
        .map(parseLine);
    } catch {
      return [];
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  };
}

function parseLine(line: string): AppLogLine {
  try {
    const parsed: unknown = JSON.parse(line);
    if (typeof parsed === 'object' && parsed !== null && 'msg' in parsed) {
      return parsed as AppLogLine;
    }
  } catch {
    // Not JSON: a line printed before the logger existed (e.g. a start-up failure).
  }
  return { msg: line };
}
