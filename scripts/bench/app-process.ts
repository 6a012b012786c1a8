import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { openSync, closeSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { findFreePort, stopChild, track, untrack, whenExited } from '../../processes';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const READY_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 10_000;

export interface AppProcess {
  url: string;
  /** The last lines the server logged, for a failure message. */
  logTail(): string;
  stop(): Promise<void>;
}

function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/**
 * Runs the app as `npm start` does (build/server.js, NODE_ENV=production, the built pages) in a
 * child process on a free loopback port, against `mongodbUri`. Its log goes to `logFile`, as a
 * production log would, instead of through a pipe this process would have to drain.
 */
export async function startAppProcess({
  mongodbUri,
  dataDir,
  logFile,
  env = {},
}: {
  mongodbUri: string;
  dataDir: string;
  logFile: string;
  /** More settings for the app, e.g. an ADMIN_TOKEN. */
  env?: Record<string, string>;
}): Promise<AppProcess> {
  const port = await findFreePort();
  const log = openSync(logFile, 'a');
  const child = spawn(process.execPath, ['--enable-source-maps', path.join('build', 'server.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      MONGODB_URI: mongodbUri,
      DATA_DIR: dataDir,
      // One instance: live updates stay in memory whatever a .env says.
      REDIS_URL: '',
      // Mail goes to files under DATA_DIR, never to a server a .env names.
      SMTP_URL: '',
      // The runs come from one address at thousands of requests a minute: per-client limits
      // would answer 429 and measure nothing. Overload is about shedding (DB_MAX_PENDING_REQUESTS).
      RATE_LIMIT_WRITES_PER_MINUTE: '0',
      RATE_LIMIT_REQUESTS_PER_MINUTE: '0',
      // Production refuses to start without one.
      SESSION_SECRET: randomBytes(32).toString('hex'),
      ...env,
    },
    // Its own process group: Ctrl+C reaches this script only, which stops the app in order.
    detached: true,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  // If this script dies without stopping it, the app goes too.
  track(child);
  const exited = whenExited(child);
  const url = `http://127.0.0.1:${port}`;
  const app: AppProcess = {
    url,
    logTail: () => tail(logFile),
    async stop() {
      await stopChild(child, exited, STOP_GRACE_MS);
      untrack(child);
    },
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    try {
      const response = await fetch(`${url}/api/experts?limit=1`);
      await response.arrayBuffer();
      if (response.ok) return app;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await app.stop();
  throw new Error(`The app did not start on ${url}:\n${app.logTail()}`);
}
