import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import mongoose from 'mongoose';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { cacheDirFromEnv } from './cache-dir';
import { ensureFerretdbBinary } from './ferretdb-binary';
import {
  CLIENT_POOL_SIZE,
  FERRETDB_POOL_MAX_CONNS,
  MAX_WRITE_STATEMENTS,
  startFerretdb,
  type FerretdbServer,
} from './ferretdb-server';
import { MAX_CONNECTIONS, startPostgres, type PostgresServer } from './postgres-server';

/**
 * A FerretDB and PostgreSQL of this file's own: the first test wedges FerretDB on purpose, which
 * would take every other test file's database with it.
 */
const logger = pino({ level: 'silent' });
let dataDir: string;
let postgres: PostgresServer;
let ferretdb: FerretdbServer;

async function startServers(): Promise<void> {
  postgres = await startPostgres({ dataDir, durable: false, logger });
  const executable = await ensureFerretdbBinary({
    cacheDir: cacheDirFromEnv(),
    logger,
  });
  if (!executable) throw new Error('FerretDB is not built and Go is not installed to build it.');
  ferretdb = await startFerretdb({
    executable,
    backend: { handler: 'postgresql', url: postgres.url },
    stateDir: path.join(dataDir, 'ferretdb-state'),
    dataDir,
    logger,
  });
}

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'expert-booking-pool-test-'));
  await startServers();
});

afterAll(async () => {
  await ferretdb?.stop();
  await postgres?.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
});

async function ferretdbConnections(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ count: number }>(
    "SELECT count(*)::int AS count FROM pg_stat_activity WHERE application_name = 'FerretDB'",
  );
  return rows[0]!.count;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `work` while counting FerretDB's PostgreSQL connections; answers the most seen. */
async function mostConnectionsDuring(work: () => Promise<unknown>): Promise<number> {
  const watcher = new pg.Client({ connectionString: postgres.url });
  await watcher.connect();
  let most = 0;
  let watching = true;
  const watch = (async () => {
    while (watching) {
      most = Math.max(most, await ferretdbConnections(watcher));
      await pause(10);
    }
  })();
  try {
    await work();
  } finally {
    watching = false;
    await watch;
    await watcher.end();
  }
  return most;
}

interface Doc {
  _id: number;
  n: number;
}

async function withClient<T>(
  collection: string,
  work: (docs: mongoose.mongo.Collection<Doc>) => Promise<T>,
): Promise<T> {
  // The URI's own pool size, as every client of the embedded server gets it.
  const client = await new mongoose.mongo.MongoClient(ferretdb.uri).connect();
  try {
    return await work(client.db('pool').collection<Doc>(collection));
  } finally {
    await client.close(true);
  }
}

const ids = (count: number, from = 0) => Array.from({ length: count }, (_, index) => from + index);

function updates(statements: number, from = 0) {
  return ids(statements, from).map((_id) => ({
    updateOne: { filter: { _id }, update: { $inc: { n: 1 } } },
  }));
}

describe("FerretDB's PostgreSQL pool", () => {
  it('is capped by pool_max_conns below max_connections, so PostgreSQL still lets others in', async () => {
    expect(new URL(ferretdb.uri).searchParams.get('maxPoolSize')).toBe(String(CLIENT_POOL_SIZE));
    expect(FERRETDB_POOL_MAX_CONNS).toBeLessThanOrEqual(MAX_CONNECTIONS - 10);
    await withClient('wedged', (docs) => docs.insertMany(ids(150).map((_id) => ({ _id, n: 0 }))));

    // What the app never sends: one update command of more statements than the pool. It takes
    // the whole pool and waits for one more connection for ever; the pool stops at its cap.
    const wedging = new mongoose.mongo.MongoClient(ferretdb.uri);
    const docs = wedging.db('pool').collection<Doc>('wedged');
    void docs.bulkWrite(updates(FERRETDB_POOL_MAX_CONNS + 20)).catch(() => undefined);
    const other = new pg.Client({ connectionString: postgres.url });
    await other.connect();
    const deadline = Date.now() + 20_000;
    while ((await ferretdbConnections(other)) < FERRETDB_POOL_MAX_CONNS && Date.now() < deadline) {
      await pause(100);
    }
    await pause(500);
    expect(await ferretdbConnections(other)).toBe(FERRETDB_POOL_MAX_CONNS);

    const late = new pg.Client({ connectionString: postgres.url });
    await late.connect();
    expect((await late.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await late.end();
    await other.end();

    // Only a restart brings it back (the supervisor's job).
    await wedging.close(true).catch(() => undefined);
    await ferretdb.stop();
    await postgres.stop();
    await startServers();
  });

  it('takes a command of 60 matched updates, which wedged it at its default pool (the app still never sends one)', async () => {
    await withClient('sixty', async (docs) => {
      await docs.insertMany(ids(60).map((_id) => ({ _id, n: 0 })));
      expect(await docs.bulkWrite(updates(60))).toMatchObject({ modifiedCount: 60 });
    });
  });

  it('serves two clients at their worst without wedging: a full write command each and every other command in flight an update', async () => {
    await withClient('busy', (docs) => docs.insertMany(ids(300).map((_id) => ({ _id, n: 0 }))));
    const clients = await Promise.all(
      [0, 1].map(() => new mongoose.mongo.MongoClient(ferretdb.uri).connect()),
    );
    try {
      const most = await mostConnectionsDuring(() =>
        Promise.all(
          clients.flatMap((client, index) => {
            const docs = client.db('pool').collection<Doc>('busy');
            return [
              docs.bulkWrite(updates(MAX_WRITE_STATEMENTS, index * MAX_WRITE_STATEMENTS)),
              ...ids(120, 50 + index * 120).map((_id) =>
                docs.updateOne({ _id }, { $inc: { n: 1 } }),
              ),
            ];
          }),
        ),
      );
      expect(most).toBeLessThanOrEqual(FERRETDB_POOL_MAX_CONNS);
    } finally {
      await Promise.all(clients.map((client) => client.close(true)));
    }
    const total = await withClient(
      'busy',
      async (docs) => (await docs.find({ n: 1 }).toArray()).length,
    );
    expect(total).toBe(2 * MAX_WRITE_STATEMENTS + 240);
  }, 60_000);
});
