import { createAdapter } from '@socket.io/redis-adapter';

import type { Logger } from '../logger';
import { connectRedisClients, createRedisClient, describeRedisUrl } from '../redis/client';

export interface RedisAdapter {
  adapter: ReturnType<typeof createAdapter>;
  close(): Promise<void>;
}

/**
 * Connects the publisher and subscriber the Socket.io Redis adapter needs, so that an emit on
 * one instance reaches the rooms of every instance sharing this Redis.
 */
export async function connectRedisAdapter(redisUrl: string, logger: Logger): Promise<RedisAdapter> {
  const publisher = createRedisClient(redisUrl, logger, 'live updates: publisher');
  const subscriber = createRedisClient(redisUrl, logger, 'live updates: subscriber');
  const clients = [publisher, subscriber];
  await connectRedisClients(redisUrl, clients);
  logger.info({ redis: describeRedisUrl(redisUrl) }, 'live updates: Redis adapter connected');
  return {
    adapter: createAdapter(publisher, subscriber),
    async close() {
      await Promise.allSettled(clients.map((client) => (client.isOpen ? client.close() : null)));
    },
  };
}
