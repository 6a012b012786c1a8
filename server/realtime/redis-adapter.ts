import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';

import type { Logger } from '../logger';

/** Start-up tries this many times before giving up with one clear error. */
const STARTUP_ATTEMPTS = 4;
const MAX_RETRY_DELAY_MS = 5_000;

export interface RedisAdapter {
  adapter: ReturnType<typeof createAdapter>;
  close(): Promise<void>;
}

/** The URL without its password, for logs and errors. */
export function describeRedisUrl(redisUrl: string): string {
  try {
    const url = new URL(redisUrl);
    url.username = '';
    url.password = '';
    return url.toString();
  } catch {
    return 'REDIS_URL';
  }
}

function createRedisClient(redisUrl: string, logger: Logger, role: 'publisher' | 'subscriber') {
  let wasReady = false;
  const client = createClient({
    url: redisUrl,
    socket: {
      // At start-up an unreachable Redis stops the server with a clear error rather than letting
      // it wait forever; once connected, a lost connection is retried for as long as it takes
      // (publishes wait in the client's offline queue meanwhile).
      reconnectStrategy: (retries: number, cause: Error) => {
        if (!wasReady && retries + 1 >= STARTUP_ATTEMPTS) return cause;
        return Math.min(100 * 2 ** retries, MAX_RETRY_DELAY_MS);
      },
    },
  });
  // Without an error listener a dropped connection would crash the process.
  client.on('error', (error: unknown) => {
    if (wasReady) logger.warn({ err: error, role }, 'live updates: Redis connection error');
  });
  client.on('ready', () => {
    if (wasReady) logger.info({ role }, 'live updates: Redis connection restored');
    wasReady = true;
  });
  return client;
}

/**
 * Connects the publisher and subscriber the Socket.io Redis adapter needs, so that an emit on
 * one instance reaches the rooms of every instance sharing this Redis.
 */
export async function connectRedisAdapter(redisUrl: string, logger: Logger): Promise<RedisAdapter> {
  const publisher = createRedisClient(redisUrl, logger, 'publisher');
  const subscriber = createRedisClient(redisUrl, logger, 'subscriber');
  const clients = [publisher, subscriber];
  try {
    await Promise.all(clients.map((client) => client.connect()));
  } catch (error) {
    for (const client of clients) if (client.isOpen) client.destroy();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not connect to Redis at ${describeRedisUrl(redisUrl)}: ${reason}`, {
      cause: error,
    });
  }
  logger.info({ redis: describeRedisUrl(redisUrl) }, 'live updates: Redis adapter connected');
  return {
    adapter: createAdapter(publisher, subscriber),
    async close() {
      await Promise.allSettled(clients.map((client) => (client.isOpen ? client.close() : null)));
    },
  };
}
