import mongoose from 'mongoose';

import { assertDataDirFree, startEmbeddedServer } from '../../embedded-db';
import { ensureIndexes } from '../../models';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { guardDriverWrites } from './driver-write-guard';

export interface Database {
  /** Where the app is connected; for an embedded server, its loopback address. */
  uri: string;
  /** The database the app uses on that server (the URI's own when undefined). */
  dbName?: string;
  embedded: boolean;
  close(): Promise<void>;
}

export const EMBEDDED_DB_NAME = 'expert-booking';

export type DatabaseConfig = Pick<
  Config,
  'MONGODB_URI' | 'DATA_DIR' | 'EMBEDDED_DB_CACHE_DIR' | 'DB_UNAVAILABLE_TIMEOUT_MS'
>;

/** How often the driver checks the server; a server that came back is noticed this soon. */
const HEARTBEAT_MS = 2_000;

/**
 * How long closing the connection may take: the driver ends its sessions with a command that a
 * wedged server never answers, and the embedded servers must still be stopped after it.
 */
const DISCONNECT_TIMEOUT_MS = 1_000;

async function disconnect(): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    mongoose.disconnect().catch(() => undefined),
    new Promise((resolve) => (timer = setTimeout(resolve, DISCONNECT_TIMEOUT_MS))),
  ]);
  clearTimeout(timer);
}

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
  guardDriverWrites();
  if (!config.MONGODB_URI) await assertDataDirFree(config.DATA_DIR);
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
      // While the server is down (crashed, restarting, unreachable) an operation waits this long
      // for it, then fails with an error the app answers as 503 DATABASE_UNAVAILABLE; start-up
      // fails as fast. The driver reconnects by itself once the server is back.
      serverSelectionTimeoutMS: config.DB_UNAVAILABLE_TIMEOUT_MS,
      connectTimeoutMS: config.DB_UNAVAILABLE_TIMEOUT_MS,
      // Waiting for a pooled connection has no limit by default.
      waitQueueTimeoutMS: config.DB_UNAVAILABLE_TIMEOUT_MS,
      heartbeatFrequencyMS: HEARTBEAT_MS,
      // Mongoose would otherwise hold operations in memory while disconnected, each for up to
      // 10 s, and then fail them with an error of its own: the driver's wait above is the one.
      bufferCommands: false,
    });
    await ensureIndexes();
    if (embedded && dbName) await embedded.completeIndexes(dbName);
  } catch (error) {
    await disconnect();
    await embedded?.stop();
    throw error;
  }
  logger.info({ embedded: Boolean(embedded) }, 'database connected');
  return {
    uri,
    dbName,
    embedded: Boolean(embedded),
    async close() {
      await disconnect();
      await embedded?.stop();
    },
  };
}
