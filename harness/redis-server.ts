import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { findExecutable, findFreePort, stopChild, track, untrack, whenExited } from '../processes';

const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 10_000;
const STOP_GRACE_MS = 5_000;
const PORT_ATTEMPTS = 3;

export interface TestRedis {
  /** `redis://127.0.0.1:<port>`, for this test file only. */
  url: string;
  stop(): Promise<void>;
  /** Stops it, then starts a fresh, empty one on the same port: clients see a lost connection. */
  restart(): Promise<TestRedis>;
}

/**
 * Starts a throw-away `redis-server` on a free loopback port: nothing saved to disk, no
 * append-only file, its working directory a temporary folder removed on stop. It dies with this
 * process if stop() is never called.
 */
export async function startRedisServer(): Promise<TestRedis> {
  const executable = await findExecutable('redis-server');
  if (!executable) {
    throw new Error(
      'redis-server is not installed; on Debian or Ubuntu: sudo apt-get install -y redis-server',
    );
  }
  for (let attempt = 1; ; attempt++) {
    const port = await findFreePort(HOST);
    try {
      return await startOn(executable, port);
    } catch (error) {
      if (!(error instanceof PortInUseError) || attempt >= PORT_ATTEMPTS) throw error;
    }
  }
}

class PortInUseError extends Error {}

async function startOn(executable: string, port: number): Promise<TestRedis> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'expert-booking-redis-'));
  // Arguments after the executable are config directives: `--save ''` turns snapshots off.
  const args = ['--port', String(port), '--bind', HOST, '--save', '', '--appendonly', 'no'];
  const child = spawn(executable, [...args, '--dir', dir, '--daemonize', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  track(child);
  const exited = whenExited(child);
  const cleanUp = async () => {
    untrack(child);
    await fs.rm(dir, { recursive: true, force: true });
  };

  let output = '';
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`redis-server did not start in time:\n${output}`)),
        START_TIMEOUT_MS,
      );
      const onData = (chunk: Buffer) => {
        output = (output + chunk.toString('utf8')).slice(-4000);
        if (/Ready to accept connections/i.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.once('close', (code, signal) => {
        clearTimeout(timer);
        const message = `redis-server exited during start-up (${signal ?? `exit code ${code}`})`;
        reject(
          /address already in use/i.test(output)
            ? new PortInUseError(message)
            : new Error(`${message}:\n${output}`),
        );
      });
    });
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    await cleanUp();
    throw error;
  }
  // Keep draining the pipes: a full pipe would block the server.
  child.stdout.resume();
  child.stderr.resume();

  let stopping: Promise<void> | undefined;
  const redis: TestRedis = {
    url: `redis://${HOST}:${port}`,
    stop() {
      stopping ??= (async () => {
        await stopChild(child, exited, STOP_GRACE_MS);
        await cleanUp();
      })();
      return stopping;
    },
    async restart() {
      await redis.stop();
      return startOn(executable, port);
    },
  };
  return redis;
}
