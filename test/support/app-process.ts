import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

import { stopChild, track, untrack, whenExited } from '../../processes';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 10_000;

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
  /** Settles once the process is gone, however it went. */
  exited: Promise<AppExit>;
  /** SIGTERM (the app's graceful shutdown), SIGKILL after a grace period; waits until gone. */
  stop(): Promise<void>;
}

/**
 * The app exactly as `npm start` runs it (`build/server.js`, compiled with the pages by
 * `npm run build`), in a process and process group of its own on a free loopback port, with
 * rate limits off. Its database: `MONGODB_URI` when given, else the embedded one in `DATA_DIR`
 * (`env` sets either, and anything else).
 */
export async function startAppProcess(env: Record<string, string>): Promise<AppProcess> {
  const child = spawn(process.execPath, ['--enable-source-maps', 'build/server.js'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      RATE_LIMIT_WRITES_PER_MINUTE: '0',
      RATE_LIMIT_REQUESTS_PER_MINUTE: '0',
      // Production refuses to start without one.
      SESSION_SECRET: randomBytes(32).toString('hex'),
      ...env,
    },
    // A group of its own, so a test can kill it the way a supervisor kills a service.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  track(child);
  const exited = new Promise<AppExit>((resolve) => {
    void whenExited(child).then(() => resolve({ code: child.exitCode, signal: child.signalCode }));
  });
  void exited.then(() => untrack(child));

  const lines: AppLogLine[] = [];
  let partial = '';
  const onData = (chunk: Buffer) => {
    const text = partial + chunk.toString('utf8');
    const complete = text.split('\n');
    partial = complete.pop() ?? '';
    for (const line of complete.filter((each) => each.trim())) lines.push(parseLine(line));
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const tail = () =>
    lines
      .slice(-40)
      .map((line) => JSON.stringify(line))
      .join('\n');

  try {
    const baseUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the app did not start in time:\n${tail()}`)),
        START_TIMEOUT_MS,
      );
      const poll = setInterval(() => {
        const listening = lines
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
        reject(new Error(`the app exited during start-up:\n${tail()}`));
      });
    });
    return {
      baseUrl,
      pid: child.pid!,
      logs: () => lines,
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
