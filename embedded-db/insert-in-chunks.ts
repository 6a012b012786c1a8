import type mongoose from 'mongoose';

import { MAX_WRITE_STATEMENTS } from './ferretdb-server';

/**
 * The launcher's only multi-statement write (the SQLite migration's copy). It may not use the
 * app's models/chunked-writes.ts, so it keeps FerretDB's limit itself; eslint.config.js lets
 * these two modules alone send insertMany. Chunk after chunk, stopping at the first that fails.
 */
export async function insertInChunks(
  collection: mongoose.mongo.Collection,
  documents: readonly mongoose.mongo.Document[],
): Promise<void> {
  for (let start = 0; start < documents.length; start += MAX_WRITE_STATEMENTS) {
    await collection.insertMany(documents.slice(start, start + MAX_WRITE_STATEMENTS), {
      ordered: true,
    });
  }
}
