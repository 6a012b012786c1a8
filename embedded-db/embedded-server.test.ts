import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import mongoose from 'mongoose';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';

import { cacheDirFromEnv } from './cache-dir';
import { startEmbeddedServer, type EmbeddedServer } from './embedded-server';
import { canConnect, isAlive } from '../processes';

function manyNotes(count: number) {
  return Array.from({ length: count }, (_, index) => ({ text: `note ${index}` }));
}

describe('startEmbeddedServer', () => {
  let dataDir: string | undefined;
  let server: EmbeddedServer | undefined;

  afterAll(async () => {
    await server?.stop();
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('starts a server of its own, stores data in it, and leaves nothing behind when stopped', async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'expert-booking-embedded-test-'));
    server = await startEmbeddedServer({
      dataDir,
      cacheDir: cacheDirFromEnv(),
      logger: pino({ level: 'warn' }),
    });
    const { port } = new URL(server.uri);
    // FerretDB in front, PostgreSQL behind it (or mongod alone where it is installed).
    expect(server.pids.length).toBeGreaterThanOrEqual(1);
    expect(server.pids.every(isAlive)).toBe(true);

    // A connection of its own: the default one may belong to other tests in this worker.
    const connection = await mongoose.createConnection(server.uri, { dbName: 'smoke' }).asPromise();
    try {
      const notes = connection.collection('notes');
      await notes.insertMany([{ text: 'hello' }, ...manyNotes(2_000)]);
      expect(await notes.findOne({ text: 'hello' }, { projection: { _id: 0 } })).toEqual({
        text: 'hello',
      });

      // An equality read is answered from an index, not by scanning the table.
      await notes.createIndex({ text: 1 });
      await server.completeIndexes('smoke');
      const plan = JSON.stringify(
        await connection.db!.command({ explain: { find: 'notes', filter: { text: 'hello' } } }),
      );
      expect(plan).toMatch(/"Index Name":"pushdown_/);
    } finally {
      await connection.close();
    }

    await server.stop();
    expect(server.pids.filter(isAlive)).toEqual([]);
    expect(await canConnect('127.0.0.1', Number(port))).toBe(false);
  });
});
