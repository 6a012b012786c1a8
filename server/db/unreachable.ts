import mongoose from 'mongoose';

const { mongo } = mongoose;

/**
 * The driver's ways of saying "no server to talk to": none could be selected in time, a
 * connection broke or was refused, the pool was cleared after such a break, or the client is
 * closed or not connected yet.
 */
const UNREACHABLE_ERRORS = [
  mongo.MongoServerSelectionError,
  mongo.MongoNetworkError,
  mongo.MongoTopologyClosedError,
  mongo.MongoNotConnectedError,
  mongo.MongoClientClosedError,
  mongo.MongoServerClosedError,
];

/**
 * Errors the driver does not export, and Mongoose's own name for a server selection that failed
 * while it connects. A connection that could not be had from the pool in time counts: while the
 * server is reachable, connections come back within milliseconds.
 */
const UNREACHABLE_NAMES = new Set([
  'MongooseServerSelectionError',
  'MongoPoolClearedError',
  'PoolClearedOnNetworkError',
  'MongoPoolClosedError',
  'MongoWaitQueueTimeoutError',
]);

/**
 * FerretDB stays up when its PostgreSQL dies and answers every command with an internal error
 * carrying PostgreSQL's or its driver's words, until PostgreSQL is back.
 */
const BACKEND_DOWN =
  /failed to connect to `|terminating connection due to|the database system is (starting up|shutting down|in recovery mode)|unexpected EOF|conn closed|connection refused|SQLSTATE (08|57P0)/;

/** Whether the error means the database cannot be reached now, rather than a failed operation. */
export function isDatabaseUnreachableError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (UNREACHABLE_ERRORS.some((type) => error instanceof type)) return true;
  // A batch of writes (insertMany, bulkWrite) cut off by a broken connection carries the
  // driver's network error as its response; one FerretDB refused, FerretDB's words.
  if (error instanceof mongo.MongoBulkWriteError) {
    return isDatabaseUnreachableError(error.errorResponse) || BACKEND_DOWN.test(error.message);
  }
  if (UNREACHABLE_NAMES.has(error.name)) return true;
  return error instanceof mongo.MongoServerError && BACKEND_DOWN.test(error.message);
}
