import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import mongoose from 'mongoose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { cacheDirFromEnv } from './cache-dir';
import { startEmbeddedServer } from './embedded-server';
import { startSqliteFerretdb } from './sqlite-ferretdb';

const logger = pino({ level: 'silent' });
const cacheDir = cacheDirFromEnv();
const BOOKINGS = 2_500;
const bookingDate = new Date('2026-12-01T09:00:00Z');

let dataDir: string;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'expert-booking-migration-test-'));
});

afterAll(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

/** Runs `work` against the SQLite version's server on dataDir. */
async function withOldServer(work: (client: mongoose.mongo.MongoClient) => Promise<void>) {
  await withClient(await startSqliteFerretdb({ dataDir, cacheDir, logger }), work);
}

/** Runs `work` with a client of `server`, then stops both. */
async function withClient(
  server: { uri: string; stop(): Promise<void> },
  work: (client: mongoose.mongo.MongoClient) => Promise<void>,
) {
  const client = await new mongoose.mongo.MongoClient(server.uri).connect();
  try {
    await work(client);
  } finally {
    await client.close();
    await server.stop();
  }
}

async function fingerprint(dir: string): Promise<Record<string, string>> {
  const sums: Record<string, string> = {};
  for (const name of (await fs.readdir(dir)).sort()) {
    const content = await fs.readFile(path.join(dir, name));
    sums[name] = createHash('sha256').update(content).digest('hex');
  }
  return sums;
}

async function withNewServer(work: (client: mongoose.mongo.MongoClient) => Promise<void>) {
  await withClient(await startEmbeddedServer({ dataDir, cacheDir, logger, durable: false }), work);
}

describe('a data folder of the SQLite version', () => {
  it('is copied into PostgreSQL once, with its indexes, and kept aside as a backup', async () => {
    await withOldServer(async (client) => {
      const app = client.db('expert-booking');
      await app.collection('experts').insertMany([
        { name: 'Ada', rating: 4.5, sessions: mongoose.mongo.Long.fromNumber(12) },
        { name: 'Grace', rating: 5 },
      ]);
      await app
        .collection('bookings')
        .createIndex({ expertId: 1, date: 1, timeSlot: 1 }, { unique: true, name: 'one_per_slot' });
      await app.collection('bookings').insertMany(
        Array.from({ length: BOOKINGS }, (_, i) => ({
          expertId: new mongoose.mongo.ObjectId('665f1c2e9b1e8a3d4c5b6a79'),
          date: `2026-12-${String((i % 28) + 1).padStart(2, '0')}`,
          timeSlot: `slot-${i}`,
          startsAt: bookingDate,
          email: `client${i % 50}@example.com`,
        })),
      );
      await client.db('other').createCollection('empty');
    });

    const sqliteDir = path.join(dataDir, 'ferretdb');
    const before = await fingerprint(sqliteDir);

    // PostgreSQL data that no unfinished migration made: refused, rather than mixed.
    await fs.rename(sqliteDir, `${sqliteDir}.aside`);
    await withNewServer(async (client) => {
      await client.db('expert-booking').collection('bookings').insertOne({ timeSlot: 'leftover' });
    });
    await fs.rename(`${sqliteDir}.aside`, sqliteDir);
    await expect(withNewServer(async () => {})).rejects.toThrow(
      /PostgreSQL already holds databases \(expert-booking\) next to the SQLite folder/,
    );
    expect(await fingerprint(sqliteDir)).toEqual(before);

    // Unreadable SQLite data stops the migration and start-up; the old files stay as they were.
    await fs.writeFile(path.join(sqliteDir, 'broken.sqlite'), 'not a database');
    const withBroken = await fingerprint(sqliteDir);
    await fs.mkdir(path.join(dataDir, 'sqlite-migration'));
    await expect(withNewServer(async () => {})).rejects.toThrow(
      /Could not migrate the SQLite data .* untouched and the next start tries again/,
    );
    expect(await fingerprint(sqliteDir)).toEqual(withBroken);
    expect((await fs.readdir(dataDir)).filter((name) => name.includes('backup'))).toEqual([]);

    // Fixed, the next start retries: what the unfinished attempt left is replaced.
    await fs.rm(path.join(sqliteDir, 'broken.sqlite'));
    await withNewServer(async (client) => {
      const app = client.db('expert-booking');
      expect(
        await app
          .collection('experts')
          .find({}, { projection: { _id: 0 }, sort: { name: 1 }, promoteLongs: false })
          .toArray(),
      ).toEqual([
        { name: 'Ada', rating: 4.5, sessions: mongoose.mongo.Long.fromNumber(12) },
        { name: 'Grace', rating: 5 },
      ]);
      const bookings = app.collection('bookings');
      expect(await bookings.countDocuments({})).toBe(BOOKINGS);
      expect(await bookings.findOne({ timeSlot: 'leftover' })).toBeNull();
      expect(await bookings.findOne({ timeSlot: 'slot-7' }, { projection: { _id: 0 } })).toEqual({
        expertId: new mongoose.mongo.ObjectId('665f1c2e9b1e8a3d4c5b6a79'),
        date: '2026-12-08',
        timeSlot: 'slot-7',
        startsAt: bookingDate,
        email: 'client7@example.com',
      });
      const indexes = await bookings.listIndexes().toArray();
      expect(indexes.find((index) => index.name === 'one_per_slot')).toMatchObject({
        key: { expertId: 1, date: 1, timeSlot: 1 },
        unique: true,
      });
      await expect(
        bookings.insertOne({
          expertId: new mongoose.mongo.ObjectId('665f1c2e9b1e8a3d4c5b6a79'),
          date: '2026-12-08',
          timeSlot: 'slot-7',
        }),
      ).rejects.toMatchObject({ code: 11000 });
      expect(await client.db('other').listCollections().toArray()).toMatchObject([
        { name: 'empty' },
      ]);
    });

    const entries = await fs.readdir(dataDir);
    expect(entries).not.toContain('ferretdb');
    expect(entries).not.toContain('sqlite-migration');
    const backups = entries.filter((name) => name.startsWith('ferretdb-sqlite-backup-'));
    expect(backups).toHaveLength(1);
    expect(await fs.readdir(path.join(dataDir, backups[0]!))).toContain('expert-booking.sqlite');

    // Once: a later start finds nothing to migrate and keeps the data.
    await withNewServer(async (client) => {
      expect(await client.db('expert-booking').collection('bookings').countDocuments({})).toBe(
        BOOKINGS,
      );
    });
    expect((await fs.readdir(dataDir)).filter((name) => name.includes('backup'))).toEqual(backups);
  });
});
