import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { track, untrack } from '../../server/db/child-guard';
import { stopChild, whenExited } from '../../server/db/child-process';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 10_000;

export interface AppProcess {
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * The app exactly as `npm start` runs it (`server/index.ts`, the Remix build included), in a
 * process of its own on a free loopback port: another instance, for tests about instances. It
 * uses the given database and Redis and starts nothing embedded. Needs `remix build`.
 */
export async function startAppProcess({
  mongodbUri,
  redisUrl,
}: {
  mongodbUri: string;
  redisUrl: string;
}): Promise<AppProcess> {
  const child = spawn(process.execPath, ['--enable-source-maps', 'build/server.js'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      MONGODB_URI: mongodbUri,
      REDIS_URL: redisUrl,
      RATE_LIMIT_WRITES_PER_MINUTE: '0',
      RATE_LIMIT_REQUESTS_PER_MINUTE: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  track(child);
  const exited = whenExited(child);

  let output = '';
  try {
    const baseUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the app did not start in time:\n${output}`)),
        START_TIMEOUT_MS,
      );
      const onData = (chunk: Buffer) => {
        output = (output + chunk.toString('utf8')).slice(-8000);
        const listening = /listening on (http:\/\/[\d.:]+)/.exec(output);
        if (listening) {
          clearTimeout(timer);
          resolve(listening[1]!);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`the app exited during start-up:\n${output}`));
      });
    });
    // Keep draining the pipes: a full pipe would block the app.
    child.stdout.resume();
    child.stderr.resume();
    return {
      baseUrl,
      async stop() {
        await stopChild(child, exited, STOP_GRACE_MS);
        untrack(child);
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    untrack(child);
    throw error;
  }
}
