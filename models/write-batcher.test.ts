import { AsyncLocalStorage } from 'node:async_hooks';

import fc from 'fast-check';
import mongoose from 'mongoose';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';

import { useEmptiedTestDatabase } from '../test/support/database';
import { insertInChunks } from './chunked-writes';
import { isDuplicateKeyError } from './duplicate-key';
import { writeBatcher } from './write-batcher';

const database = await useEmptiedTestDatabase();

interface Note {
  _id: number;
}

/** A client of its own that records how many statements each insert command carried. */
const client = new mongoose.mongo.MongoClient(inject('mongodbUri'), { monitorCommands: true });
const inserts: number[] = [];
client.on('commandStarted', (event) => {
  if (event.commandName === 'insert') inserts.push(event.command.documents.length);
});
const notes = client.db(database.dbName).collection<Note>('batched_notes');

beforeAll(() => client.connect());
afterAll(() => client.close());
beforeEach(async () => {
  await notes.deleteMany({});
  inserts.length = 0;
});

function noteInserts() {
  return writeBatcher<number>({
    one: async (_id) => {
      await notes.insertOne({ _id });
    },
    many: (ids) =>
      insertInChunks(
        notes,
        ids.map((_id) => ({ _id })),
        { ordered: true },
      ),
  });
}

/** What each write was told: 'ok', 'duplicate', or the unexpected error itself. */
function outcomes(writes: Promise<void>[]) {
  return Promise.all(
    writes.map((write) =>
      write.then(
        () => 'ok',
        (error: unknown) => (isDuplicateKeyError(error) ? 'duplicate' : error),
      ),
    ),
  );
}

const stored = async () =>
  (await notes.find({}).toArray()).map(({ _id }) => _id).sort((a, b) => a - b);

describe('writeBatcher', () => {
  it('sends a write made alone at once, as a command of its own', async () => {
    const insert = noteInserts();
    await insert(1);
    await insert(2);
    expect(inserts).toEqual([1, 1]);
    expect(await stored()).toEqual([1, 2]);
  });

  it('gathers the writes made while one is on its way, WRITE_BATCH_SIZE a command', async () => {
    const insert = noteInserts();
    const ids = Array.from({ length: 40 }, (_, index) => index);
    expect(await outcomes(ids.map((id) => insert(id)))).toEqual(ids.map(() => 'ok'));
    // The first goes alone; the 39 that came meanwhile follow in commands of at most 16.
    expect(inserts).toEqual([1, 16, 16, 7]);
    expect(await stored()).toEqual(ids);
  });

  it('tells only the refused write of its refusal; the others in its command are stored', async () => {
    await notes.insertOne({ _id: 5 });
    const insert = noteInserts();
    const told = await outcomes([0, 1, 2, 5, 3, 4].map((id) => insert(id)));
    expect(told).toEqual(['ok', 'ok', 'ok', 'duplicate', 'ok', 'ok']);
    expect(await stored()).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('tells each write what it would have been told alone, however they meet (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 40 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 12 }), { maxLength: 4 }),
        async (ids, already) => {
          await notes.deleteMany({});
          if (already.length > 0) await notes.insertMany(already.map((_id) => ({ _id })));
          const insert = noteInserts();
          const told = await outcomes(ids.map((id) => insert(id)));
          // In the order they were made: the first write of an id not stored before succeeds.
          const seen = new Set(already);
          const expected = ids.map((id) => (seen.has(id) ? 'duplicate' : (seen.add(id), 'ok')));
          expect(told).toEqual(expected);
          expect(await stored()).toEqual([...seen].sort((a, b) => a - b));
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('the request a write comes from', () => {
  it('does not follow the write into the command: no request owns another one’s write', async () => {
    const requests = new AsyncLocalStorage<string>();
    const seenBy: (string | undefined)[] = [];
    const insert = writeBatcher<number>({
      one: async (_id) => {
        seenBy.push(requests.getStore());
        await notes.insertOne({ _id });
      },
      many: async (ids) => {
        seenBy.push(requests.getStore());
        await insertInChunks(
          notes,
          ids.map((_id) => ({ _id })),
          { ordered: true },
        );
      },
    });
    // Request A's write starts a command; B's and C's go in the next one, which A's also starts.
    await Promise.all(['A', 'B', 'C'].map((name, id) => requests.run(name, () => insert(id))));
    expect(seenBy).toEqual([undefined, undefined]);
    expect(await stored()).toEqual([0, 1, 2]);
  });
});
