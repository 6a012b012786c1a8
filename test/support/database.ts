import { randomBytes } from 'node:crypto';

import mongoose from 'mongoose';
import { afterAll, beforeEach, inject } from 'vitest';

import { ensureIndexes } from '../../models';

export interface TestDatabase {
  dbName: string;
  /** Deletes every document; collections and indexes stay, as the app expects them. */
  reset(): Promise<void>;
  /** Drops this file's database and disconnects. */
  close(): Promise<void>;
}

/**
 * Connects the default Mongoose connection (the one the models use) to a database of this test
 * file's own, on the server the global setup started, with the app's indexes built; through
 * `host` (a proxy's address) when given.
 */
export async function useTestDatabase({ host }: { host?: string } = {}): Promise<TestDatabase> {
  const dbName = `test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await mongoose.connect(serverUri(host).toString(), {
    dbName,
    autoIndex: false,
    autoCreate: false,
  });
  await ensureIndexes();
  return {
    dbName,
    async reset() {
      const collections = await mongoose.connection.db!.collections();
      await Promise.all(collections.map((collection) => collection.deleteMany({})));
    },
    async close() {
      await mongoose.connection.dropDatabase();
      await mongoose.disconnect();
    },
  };
}

/**
 * The MONGODB_URI of `db` for an app process the test starts; with `host` (a proxy's address), a
 * direct connection to that address rather than to any the server names for itself.
 */
export function appDatabaseUri(db: TestDatabase, host?: string): string {
  const uri = serverUri(host);
  uri.pathname = `/${db.dbName}`;
  return uri.toString();
}

/** The test run's database server; with `host`, a direct connection to that address instead. */
function serverUri(host?: string): URL {
  const uri = new URL(inject('mongodbUri'));
  if (host) {
    uri.host = host;
    uri.searchParams.set('directConnection', 'true');
  }
  return uri;
}

/**
 * For a test file whose every test starts from empty collections: its own database, emptied
 * before each test and closed after the last.
 */
export async function useEmptiedTestDatabase(): Promise<TestDatabase> {
  const database = await useTestDatabase();
  beforeEach(() => database.reset());
  afterAll(() => database.close());
  return database;
}
