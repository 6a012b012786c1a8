import { ESLint } from 'eslint';
import mongoose from 'mongoose';
import { describe, expect, inject, it } from 'vitest';

import { useEmptiedTestDatabase } from '../test/support/database';
import {
  bulkWriteInChunks,
  chunksOf,
  insertInChunks,
  WRITE_BATCH_SIZE,
  writeErrorIndex,
} from './chunked-writes';
import { ExpertModel } from './expert';

const database = await useEmptiedTestDatabase();

interface Note {
  _id: number;
  n?: number;
}

/** A client of its own that records every write command it sends. */
async function watchedNotes() {
  const client = new mongoose.mongo.MongoClient(inject('mongodbUri'), { monitorCommands: true });
  await client.connect();
  const commands: { name: string; statements: number }[] = [];
  let updatesInFlight = 0;
  let mostUpdatesInFlight = 0;
  const multiUpdates = new Set<number>();
  client.on('commandStarted', (event) => {
    const statements = (event.command.documents ?? event.command.updates ?? event.command.deletes)
      ?.length;
    if (statements === undefined) return;
    commands.push({ name: event.commandName, statements });
    if (event.commandName === 'update' && statements > 1) {
      multiUpdates.add(event.requestId);
      updatesInFlight += 1;
      mostUpdatesInFlight = Math.max(mostUpdatesInFlight, updatesInFlight);
    }
  });
  const ended = (event: { requestId: number }) => {
    if (multiUpdates.delete(event.requestId)) updatesInFlight -= 1;
  };
  client.on('commandSucceeded', ended);
  client.on('commandFailed', ended);
  return {
    notes: client.db(database.dbName).collection<Note>('notes'),
    commands,
    mostUpdatesInFlight: () => mostUpdatesInFlight,
    close: () => client.close(),
  };
}

type WatchedNotes = Awaited<ReturnType<typeof watchedNotes>>;

const notes = (ids: readonly number[]): Note[] => ids.map((_id) => ({ _id }));
const range = (count: number) => Array.from({ length: count }, (_, index) => index);

describe('chunksOf', () => {
  it('cuts a list into WRITE_BATCH_SIZE pieces, the last one shorter', () => {
    expect(WRITE_BATCH_SIZE).toBe(16);
    expect(chunksOf(range(40)).map((chunk) => chunk.length)).toEqual([16, 16, 8]);
    expect(chunksOf([])).toEqual([]);
  });
});

describe('insertInChunks', () => {
  it('sends no command of more than WRITE_BATCH_SIZE documents', async () => {
    const watched = await watchedNotes();
    try {
      await insertInChunks(watched.notes, notes(range(50)), { ordered: true });
      expect(watched.commands.map(({ statements }) => statements)).toEqual([16, 16, 16, 2]);
      expect(await watched.notes.countDocuments({})).toBe(50);
    } finally {
      await watched.close();
    }
  });

  /** Inserts notes 0 to 39 where note 20 already is; answers what the insert threw. */
  async function insertOverNote20(watched: WatchedNotes, ordered: boolean): Promise<unknown> {
    await watched.notes.insertOne({ _id: 20 });
    return insertInChunks(watched.notes, notes(range(40)), { ordered }).catch(
      (caught: unknown) => caught,
    );
  }

  it('ordered: stops at the first document refused, and names it by its place in the whole list', async () => {
    const watched = await watchedNotes();
    try {
      expect(writeErrorIndex(await insertOverNote20(watched, true))).toBe(20);
      const stored = await watched.notes.find({}).toArray();
      expect(stored.map(({ _id }) => _id).sort((a, b) => a - b)).toEqual(range(21));
    } finally {
      await watched.close();
    }
  });

  it('unordered: writes every other document, then throws the first refusal', async () => {
    const watched = await watchedNotes();
    try {
      expect(writeErrorIndex(await insertOverNote20(watched, false))).toBe(20);
      expect(await watched.notes.countDocuments({})).toBe(40);
    } finally {
      await watched.close();
    }
  });
});

describe('bulkWriteInChunks', () => {
  it('adds up the counts of its commands, each of at most WRITE_BATCH_SIZE statements', async () => {
    const watched = await watchedNotes();
    try {
      const upserts = range(40).map((_id) => ({
        updateOne: { filter: { _id }, update: { $set: { n: 1 } }, upsert: true },
      }));
      expect(await bulkWriteInChunks(watched.notes, upserts, { ordered: true })).toMatchObject({
        upsertedCount: 40,
        matchedCount: 0,
      });
      expect(await bulkWriteInChunks(watched.notes, upserts, { ordered: true })).toMatchObject({
        upsertedCount: 0,
        matchedCount: 40,
      });
      const deletes = range(40).map((_id) => ({ deleteOne: { filter: { _id } } }));
      expect(await bulkWriteInChunks(watched.notes, deletes, { ordered: false })).toMatchObject({
        deletedCount: 40,
      });
      expect(Math.max(...watched.commands.map(({ statements }) => statements))).toBe(16);
    } finally {
      await watched.close();
    }
  });

  it('sends one update command of several statements at a time, however many callers', async () => {
    const watched = await watchedNotes();
    try {
      await insertInChunks(watched.notes, notes(range(96)), { ordered: true });
      await Promise.all(
        chunksOf(range(96), 32).map((ids) =>
          bulkWriteInChunks(
            watched.notes,
            ids.map((_id) => ({ updateOne: { filter: { _id }, update: { $set: { n: 2 } } } })),
            { ordered: false },
          ),
        ),
      );
      expect(watched.mostUpdatesInFlight()).toBe(1);
      expect(await watched.notes.countDocuments({ n: 2 })).toBe(96);
    } finally {
      await watched.close();
    }
  });

  it('casts through a Mongoose model, as its own bulkWrite does', async () => {
    const result = await bulkWriteInChunks(
      ExpertModel,
      range(20).map((index) => ({
        updateOne: {
          filter: { slug: `chunked-${index}` },
          update: {
            $set: {
              slug: `chunked-${index}`,
              name: `Chunked ${index}`,
              category: 'Software Engineering',
              experience: '7',
              rating: 4.5,
              bio: 'Writes in chunks.',
              timezone: 'UTC',
            },
          },
          upsert: true,
        },
      })),
      { ordered: true },
    );
    expect(result.upsertedCount).toBe(20);
    const stored = await ExpertModel.findOne({ slug: 'chunked-3' }).lean();
    expect(stored?.experience).toBe(7);
  });
});

describe('the lint rule', () => {
  const eslint = new ESLint();
  const messagesOf = async (filePath: string, code: string) =>
    (await eslint.lintText(code, { filePath }))[0]!.messages.map(({ ruleId }) => ruleId);
  const bare =
    'export const write = (m: { insertMany(x: unknown): void; bulkWrite(x: unknown): void }) => [m.insertMany([]), m.bulkWrite([])];\n';

  it('refuses a bare insertMany or bulkWrite in the app, the models and the scripts', async () => {
    for (const file of ['server/example.ts', 'models/example.ts', 'scripts/example.ts']) {
      expect(await messagesOf(file, bare)).toEqual([
        'no-restricted-properties',
        'no-restricted-properties',
      ]);
    }
  });

  it('lets the helper and the tests send them', async () => {
    expect(await messagesOf('models/chunked-writes.ts', bare)).toEqual([]);
    expect(await messagesOf('server/example.test.ts', bare)).toEqual([]);
  });
});
