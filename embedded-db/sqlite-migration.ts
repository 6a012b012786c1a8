import fs from 'node:fs/promises';
import path from 'node:path';

import mongoose from 'mongoose';
import type { Logger } from 'pino';

import { startFerretdb } from './ferretdb-server';
import { insertInChunks } from './insert-in-chunks';
import { pathExists } from './path-exists';

type MongoClient = mongoose.mongo.MongoClient;
type Document = mongoose.mongo.Document;

const BATCH_SIZE = 1_000;
const SYSTEM_DATABASES = new Set(['admin', 'config', 'local']);

export class SqliteMigrationError extends Error {
  override name = 'SqliteMigrationError';
}

/** Where the SQLite version kept its data: one `<database>.sqlite` file per database. */
export function sqliteDataDir(dataDir: string): string {
  return path.join(dataDir, 'ferretdb');
}

interface CopiedCollection {
  database: string;
  collection: string;
  documents: number;
  indexes: string[];
}

/**
 * Moves the data the SQLite version left in dataDir into the server at targetUri, once: the same
 * FerretDB binary serves the old files on another loopback port, and every collection of every
 * database goes across through the wire protocol, its indexes after it, and the counts must
 * match. Only then is the old folder moved aside as a backup. It reads a copy of the old files,
 * so a failure leaves them untouched, and start-up fails; the next start tries again.
 */
export async function migrateSqliteData(options: {
  dataDir: string;
  ferretdb: string;
  targetUri: string;
  logger: Logger;
}): Promise<void> {
  const { dataDir, logger } = options;
  const sqliteDir = sqliteDataDir(dataDir);
  const files = await fs.readdir(sqliteDir).catch(() => [] as string[]);
  if (!files.some((file) => file.endsWith('.sqlite'))) return;

  const started = Date.now();
  // Exists from the first copied document until the backup is in place: a start that finds it
  // knows the target's data comes from an unfinished migration and may be replaced.
  const workDir = path.join(dataDir, 'sqlite-migration');
  const retrying = await pathExists(workDir);
  logger.info(
    { from: sqliteDir, retrying },
    'found data of the SQLite version; copying it to PostgreSQL (once)',
  );
  const target = await new mongoose.mongo.MongoClient(options.targetUri).connect();
  try {
    if (!retrying) await requireEmptyTarget(target, sqliteDir);
    await fs.rm(workDir, { recursive: true, force: true });
    await fs.mkdir(workDir);
    const copyDir = path.join(workDir, 'sqlite');
    await fs.cp(sqliteDir, copyDir, { recursive: true });

    const source = await startFerretdb({
      executable: options.ferretdb,
      backend: { handler: 'sqlite', dir: copyDir },
      stateDir: path.join(workDir, 'state'),
      dataDir,
      logger,
    });
    let copied: CopiedCollection[];
    try {
      const client = await new mongoose.mongo.MongoClient(source.uri).connect();
      try {
        copied = await copyEverything(client, target, logger);
      } finally {
        await client.close();
      }
    } finally {
      await source.stop();
    }

    const backup = path.join(dataDir, `ferretdb-sqlite-backup-${timestamp()}`);
    await fs.rename(sqliteDir, backup);
    await fs.rm(workDir, { recursive: true, force: true });
    logger.info(
      { collections: copied, backup, seconds: Math.round((Date.now() - started) / 1000) },
      'migrated the SQLite data to PostgreSQL; the old folder is kept as a backup',
    );
  } catch (error) {
    throw new SqliteMigrationError(
      `Could not migrate the SQLite data in ${sqliteDir} to PostgreSQL; that folder is ` +
        `untouched and the next start tries again. Cause: ${
          error instanceof Error ? error.message : String(error)
        }`,
      { cause: error },
    );
  } finally {
    await target.close();
  }
}

/**
 * Data in PostgreSQL that no unfinished migration put there belongs to someone: refuse rather
 * than mix the two.
 */
async function requireEmptyTarget(target: MongoClient, sqliteDir: string): Promise<void> {
  const { databases } = await target.db('admin').admin().listDatabases({ nameOnly: true });
  const used = databases.map((db) => db.name).filter((name) => !SYSTEM_DATABASES.has(name));
  if (used.length > 0) {
    throw new Error(
      `PostgreSQL already holds databases (${used.join(', ')}) next to the SQLite folder. ` +
        `Move ${sqliteDir} away to keep the PostgreSQL data, or the postgres folder to migrate.`,
    );
  }
}

async function copyEverything(
  source: MongoClient,
  target: MongoClient,
  logger: Logger,
): Promise<CopiedCollection[]> {
  const copied: CopiedCollection[] = [];
  const { databases } = await source.db('admin').admin().listDatabases({ nameOnly: true });
  for (const { name: database } of databases) {
    if (SYSTEM_DATABASES.has(database)) continue;
    // Left over from an earlier attempt, if any: start this database afresh.
    await target.db(database).dropDatabase();
    const collections = await source.db(database).listCollections().toArray();
    for (const { name: collection, type } of collections) {
      if (type !== undefined && type !== 'collection') continue;
      copied.push(await copyCollection(source.db(database), target.db(database), collection));
      logger.debug(copied.at(-1), 'collection migrated');
    }
  }
  return copied;
}

async function copyCollection(
  sourceDb: mongoose.mongo.Db,
  targetDb: mongoose.mongo.Db,
  name: string,
): Promise<CopiedCollection> {
  const from = sourceDb.collection(name);
  const to = await targetDb.createCollection(name);
  // Keeps every value's BSON type (an int64 stays one), not the JavaScript number it resembles.
  const cursor = from.find({}, { batchSize: BATCH_SIZE, promoteValues: false });
  let batch: Document[] = [];
  let documents = 0;
  for await (const document of cursor) {
    batch.push(document);
    if (batch.length === BATCH_SIZE) {
      await insertInChunks(to, batch);
      documents += batch.length;
      batch = [];
    }
  }
  if (batch.length > 0) {
    await insertInChunks(to, batch);
    documents += batch.length;
  }

  const indexes: string[] = [];
  for (const spec of await from.listIndexes().toArray()) {
    if (spec.name === '_id_') continue;
    // Name, uniqueness and the rest as they were; `v` and `ns` describe the old server.
    const options = Object.fromEntries(
      Object.entries(spec).filter(([field]) => !['key', 'v', 'ns'].includes(field)),
    );
    await to.createIndex(spec.key as mongoose.mongo.IndexSpecification, options);
    indexes.push(String(spec.name));
  }

  const [before, after] = await Promise.all([from.countDocuments({}), to.countDocuments({})]);
  if (before !== documents || after !== documents) {
    throw new Error(
      `${sourceDb.databaseName}.${name}: the SQLite data holds ${before} documents, ` +
        `${documents} were read and PostgreSQL holds ${after}`,
    );
  }
  return { database: sourceDb.databaseName, collection: name, documents, indexes };
}

/** An ISO instant that is also a portable file name. */
function timestamp(): string {
  return new Date()
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '-');
}
