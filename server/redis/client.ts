import { createClient } from 'redis';

import type { Logger } from '../logger';

/** Start-up tries this many times before giving up with one clear error. */
const STARTUP_ATTEMPTS = 4;
const MAX_RETRY_DELAY_MS = 5_000;

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

/**
 * A Redis client for one job (`purpose` names it in logs). At start-up an unreachable Redis stops
 * the server with a clear error rather than letting it wait forever; once connected, a lost
 * connection is retried for as long as it takes (publishes wait in the client's offline queue
 * meanwhile) and `onRestored` runs each time it is back.
 */
export function createRedisClient(
  redisUrl: string,
  logger: Logger,
  purpose: string,
  onRestored?: () => void,
) {
  let wasReady = false;
  const client = createClient({
    url: redisUrl,
    socket: {
      reconnectStrategy: (retries: number, cause: Error) => {
        if (!wasReady && retries + 1 >= STARTUP_ATTEMPTS) return cause;
        return Math.min(100 * 2 ** retries, MAX_RETRY_DELAY_MS);
      },
    },
  });
  // Without an error listener a dropped connection would crash the process.
  client.on('error', (error: unknown) => {
    if (wasReady) logger.warn({ err: error, purpose }, 'Redis connection error');
  });
  client.on('ready', () => {
    if (wasReady) {
      logger.info({ purpose }, 'Redis connection restored');
      onRestored?.();
    }
    wasReady = true;
  });
  return client;
}

export type RedisClient = ReturnType<typeof createRedisClient>;

/** Connects the clients, or closes them all and throws one error that names the server. */
export async function connectRedisClients(
  redisUrl: string,
  clients: readonly RedisClient[],
): Promise<void> {
  try {
    await Promise.all(clients.map((client) => client.connect()));
  } catch (error) {
    for (const client of clients) if (client.isOpen) client.destroy();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not connect to Redis at ${describeRedisUrl(redisUrl)}: ${reason}`, {
      cause: error,
    });
  }
}
