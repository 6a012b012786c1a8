/**
 * The only module that sends write commands of several statements (`insertMany`, `bulkWrite`);
 * eslint.config.js refuses them anywhere else but in tests.
 *
 * FerretDB 1.24 on PostgreSQL keeps a pool connection for each statement of an update command
 * that matches a document until the command ends, and takes one more to write: a command of more
 * statements than its pool, or several at once that fill it, wait for ever and take every other
 * client down with them (embedded-db/ferretdb-server.ts). So every command carries at most
 * WRITE_BATCH_SIZE statements, and a process sends one update command of several at a time.
 */
export const WRITE_BATCH_SIZE = 16;

export function chunksOf<T>(items: readonly T[], size = WRITE_BATCH_SIZE): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    chunks.push(items.slice(start, start + size));
  }
  return chunks;
}

/**
 * A Mongoose model (its casting and hooks apply, once per chunk) or a driver collection. Their
 * many overloads meet only here: callers' documents and operations are checked by Mongoose or
 * the server, as a direct call would be.
 */
export interface WriteTarget {
  insertMany(...args: never[]): Promise<unknown>;
  bulkWrite(...args: never[]): Promise<unknown>;
}

export interface WriteOptions {
  /**
   * true: chunk after chunk, stopping at the first that fails, whose error is thrown (the chunks
   * before it are written, as the documents before a failure are in one ordered command).
   * false: every chunk is sent, and the first error is thrown once all have been.
   */
  ordered: boolean;
}

/** Counts added up over the chunks. */
export interface ChunkedWriteResult {
  insertedCount: number;
  matchedCount: number;
  modifiedCount: number;
  deletedCount: number;
  upsertedCount: number;
}

const COUNTS = [
  'insertedCount',
  'matchedCount',
  'modifiedCount',
  'deletedCount',
  'upsertedCount',
] as const;

/** Where in the caller's list each failed chunk began: see writeErrorIndex. */
const chunkStarts = new WeakMap<object, number>();

/**
 * The index, in the whole list given to insertInChunks or bulkWriteInChunks, of the first
 * document or operation the server refused, when the error names one.
 */
export function writeErrorIndex(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('writeErrors' in error)) return undefined;
  const { writeErrors } = error as { writeErrors?: { index?: number }[] | { index?: number } };
  const first = Array.isArray(writeErrors) ? writeErrors[0] : writeErrors;
  if (first?.index === undefined) return undefined;
  return (chunkStarts.get(error) ?? 0) + first.index;
}

/** Updates that match a document hold connections on FerretDB; one such command at a time. */
let updateTurn: Promise<unknown> = Promise.resolve();

function isUpdate(operation: object): boolean {
  return 'updateOne' in operation || 'updateMany' in operation || 'replaceOne' in operation;
}

async function inChunks<T>(
  items: readonly T[],
  { ordered }: WriteOptions,
  send: (chunk: T[]) => Promise<unknown>,
): Promise<unknown[]> {
  const results: unknown[] = [];
  let failure: { error: unknown } | undefined;
  for (const [index, chunk] of chunksOf(items).entries()) {
    try {
      results.push(await send(chunk));
    } catch (error) {
      if (typeof error === 'object' && error !== null) {
        chunkStarts.set(error, index * WRITE_BATCH_SIZE);
      }
      if (ordered) throw error;
      failure ??= { error };
    }
  }
  if (failure) throw failure.error;
  return results;
}

/** Inserts the documents, WRITE_BATCH_SIZE a command. `lean` is Mongoose's (no casting). */
export async function insertInChunks<Doc>(
  target: WriteTarget,
  documents: readonly Doc[],
  options: WriteOptions & { lean?: boolean },
): Promise<void> {
  const insertMany = target.insertMany as unknown as (
    documents: Doc[],
    options: WriteOptions & { lean?: boolean },
  ) => Promise<unknown>;
  await inChunks(documents, options, (chunk) => insertMany.call(target, chunk, options));
}

/** Sends the operations, WRITE_BATCH_SIZE a command, and adds up what the server counted. */
export async function bulkWriteInChunks<Operation extends object>(
  target: WriteTarget,
  operations: readonly Operation[],
  options: WriteOptions,
): Promise<ChunkedWriteResult> {
  const bulkWrite = target.bulkWrite as unknown as (
    operations: Operation[],
    options: WriteOptions,
  ) => Promise<Partial<ChunkedWriteResult>>;
  const send = (chunk: Operation[]) => bulkWrite.call(target, chunk, options);
  const results = await inChunks(operations, options, (chunk) => {
    if (chunk.filter(isUpdate).length < 2) return send(chunk);
    const turn = updateTurn.then(() => send(chunk));
    updateTurn = turn.catch(() => undefined);
    return turn;
  });
  const total: ChunkedWriteResult = {
    insertedCount: 0,
    matchedCount: 0,
    modifiedCount: 0,
    deletedCount: 0,
    upsertedCount: 0,
  };
  for (const result of results as Partial<ChunkedWriteResult>[]) {
    for (const count of COUNTS) total[count] += result[count] ?? 0;
  }
  return total;
}
