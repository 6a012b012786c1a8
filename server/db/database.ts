import mongoose from 'mongoose';

import { ensureIndexes } from '../../models';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { startEmbeddedServer } from './embedded-server';

export interface Database {
  /** Where the app is connected; for an embedded server, its loopback address. */
  uri: string;
  embedded: boolean;
  close(): Promise<void>;
}

const EMBEDDED_DB_NAME = 'expert-booking';

export type DatabaseConfig = Pick<Config, 'MONGODB_URI' | 'DATA_DIR' | 'EMBEDDED_DB_CACHE_DIR'>;

/**
 * Connects the app's single Mongoose connection. With MONGODB_URI it uses that server and starts
 * nothing; without it, it starts an embedded MongoDB-compatible server first. Either way the
 * indexes are built before anything is served, and a failure to build them stops start-up.
 */
export async function openDatabase(
  config: DatabaseConfig,
  logger: Logger,
  options: { dbName?: string } = {},
): Promise<Database> {
  const embedded = config.MONGODB_URI
    ? undefined
    : await startEmbeddedServer({
        dataDir: config.DATA_DIR,
        cacheDir: config.EMBEDDED_DB_CACHE_DIR,
        logger,
      });
  const uri = embedded?.uri ?? config.MONGODB_URI ?? '';
  // A URI without a database path would otherwise land everything in a database called "test".
  const dbName = options.dbName ?? (embedded ? EMBEDDED_DB_NAME : undefined);
  try {
    await mongoose.connect(uri, {
      dbName,
      autoIndex: false,
      autoCreate: false,
      // Fail start-up within seconds, not Mongoose's default 30, when the server is unreachable.
      serverSelectionTimeoutMS: 10_000,
    });
    await ensureIndexes();
    if (embedded && dbName) await embedded.completeIndexes(dbName);
  } catch (error) {
    await mongoose.disconnect();
    await embedded?.stop();
    throw error;
  }
  logger.info({ embedded: Boolean(embedded) }, 'database connected');
  return {
    uri,
    embedded: Boolean(embedded),
    async close() {
      await mongoose.disconnect();
      await embedded?.stop();
    },
  };
}
