import mongoose from 'mongoose';
import pg from 'pg';

/** How the supervisor (supervisor.ts) asks a running server whether it still answers. */
export interface LivenessTiming {
  /** A probe starts this long after the previous one started (or at once if it took longer). */
  intervalMs: number;
  /** A probe without an answer after this long has failed. */
  timeoutMs: number;
  /** This many failed probes in a row, and the server is killed and restarted. */
  failures: number;
}

/**
 * A server that wedges just after a good probe is killed at most
 * failures × intervalMs + timeoutMs later: 8 s, under the 10 s issue 18 allows even when the
 * probes run late on a busy machine (measured: 8.5 to 10.1 s with probes every 2.5 s). A probe is
 * a single round trip that takes milliseconds; 2 s without an answer, three times in a row, is a
 * server that is not working, not a busy one (a whole test run shares one embedded server).
 */
export const DEFAULT_LIVENESS: LivenessTiming = {
  intervalMs: 2_000,
  timeoutMs: 2_000,
  failures: 3,
};

/** Rejects when `work` has not settled within `ms`; `work` itself is left to fail later. */
export async function withinMs<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  work.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A `ping` on a connection of its own. FerretDB 1.24 on PostgreSQL answers it by pinging its
 * PostgreSQL pool (backend Status → pool Ping) once any database exists, as the app's does, so it
 * fails when that pool is exhausted or PostgreSQL does not answer: a FerretDB whose write command
 * holds every pool connection fails it, though `hello` and `listCollections` still pass from its
 * in-memory metadata. mongod answers it itself.
 */
export async function probeMongoServer(uri: string, timeoutMs: number): Promise<void> {
  const client = new mongoose.mongo.MongoClient(uri, {
    directConnection: true,
    serverSelectionTimeoutMS: timeoutMs,
    connectTimeoutMS: timeoutMs,
    socketTimeoutMS: timeoutMs,
    // A retry would double the wait, and the next probe is the retry.
    retryReads: false,
    maxPoolSize: 1,
  });
  try {
    await withinMs(
      client.connect().then(() => client.db('admin').command({ ping: 1 })),
      timeoutMs,
      'ping',
    );
  } finally {
    // Closing makes the server drop the connection and with it the work it waited on.
    void client.close(true).catch(() => undefined);
  }
}

/**
 * A new connection and `SELECT 1`: the postmaster has to accept and fork a backend, which a
 * stopped or hung postmaster never does even while the backends FerretDB holds still answer. An
 * error PostgreSQL sends (too many clients, starting up, in recovery) is an answer: it is alive,
 * and killing it would only make things worse.
 */
export async function probePostgres(url: string, timeoutMs: number): Promise<void> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
  });
  // A connection that breaks after the answer must not become an uncaught 'error' event.
  client.on('error', () => undefined);
  try {
    await withinMs(
      client.connect().then(() => client.query('SELECT 1')),
      timeoutMs,
      'SELECT 1',
    );
  } catch (error) {
    if (!(error instanceof pg.DatabaseError)) throw error;
  } finally {
    void client.end().catch(() => undefined);
  }
}
