import { randomUUID } from 'node:crypto';

import type { Logger } from '../logger';
import { connectRedisClients, createRedisClient, describeRedisUrl } from '../redis/client';
import { CATALOGUE_CHANNEL, CatalogueMessageSchema, type CatalogueChange } from './changes';

export interface CatalogueFeed {
  publish(change: CatalogueChange): void;
  close(): Promise<void>;
}

/**
 * Carries catalogue changes between instances over Redis pub/sub. Pub/sub forgets what it sends
 * while a subscriber is away, so each time the subscriber's connection comes back `onResync` runs
 * (the read model rebuilds from the database).
 */
export async function connectCatalogueFeed({
  redisUrl,
  logger,
  onChange,
  onResync,
}: {
  redisUrl: string;
  logger: Logger;
  onChange: (change: CatalogueChange) => void;
  onResync: () => void;
}): Promise<CatalogueFeed> {
  const origin = randomUUID();
  const publisher = createRedisClient(redisUrl, logger, 'catalogue: publisher');
  const subscriber = createRedisClient(redisUrl, logger, 'catalogue: subscriber', onResync);
  const clients = [publisher, subscriber];
  await connectRedisClients(redisUrl, clients);
  await subscriber.subscribe(CATALOGUE_CHANNEL, (raw) => {
    let message;
    try {
      message = CatalogueMessageSchema.parse(JSON.parse(raw));
    } catch (error) {
      logger.warn({ err: error }, 'catalogue: ignored a malformed change message');
      return;
    }
    if (message.origin !== origin) onChange(message.change);
  });
  logger.info({ redis: describeRedisUrl(redisUrl) }, 'catalogue: listening for changes');
  return {
    publish(change) {
      publisher
        .publish(CATALOGUE_CHANNEL, JSON.stringify({ origin, change }))
        .catch((error: unknown) =>
          logger.warn({ err: error }, 'catalogue: could not publish a change'),
        );
    },
    async close() {
      await Promise.allSettled(clients.map((client) => (client.isOpen ? client.close() : null)));
    },
  };
}

/**
 * Tells every running instance that the catalogue changed, from a process that serves nothing
 * itself (the seed command): they rebuild their read models from the database.
 */
export async function announceCatalogueChange(redisUrl: string, logger: Logger): Promise<void> {
  const client = createRedisClient(redisUrl, logger, 'catalogue: announcer');
  await connectRedisClients(redisUrl, [client]);
  try {
    const change: CatalogueChange = { type: 'catalogue_changed' };
    await client.publish(CATALOGUE_CHANNEL, JSON.stringify({ origin: randomUUID(), change }));
  } finally {
    await client.close();
  }
}
