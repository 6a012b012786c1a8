import { AsyncResource } from 'node:async_hooks';

import { WRITE_BATCH_SIZE, writeErrorIndex } from './chunked-writes';

/**
 * How one kind of single write goes out: `one` alone, `many` (an ordered command) for several.
 * An error of `many` that names the statement it stopped at (writeErrorIndex) means the ones
 * before it were written and the ones after it were not.
 */
export interface BatchedWrite<Item> {
  one(item: Item): Promise<void>;
  many(items: Item[]): Promise<void>;
}

/**
 * Gathers single writes made at about the same time into one command: under load every booking
 * would otherwise make round trips of its own for the same small writes (its mail's outbox
 * message, its change's mark), and each round trip costs the app, FerretDB and PostgreSQL alike.
 *
 * A write goes out at once when none is on its way; while one is, the writes that come meanwhile
 * wait for it and then go out together, WRITE_BATCH_SIZE at most. Each caller learns what its
 * own write would have been told alone, in the order they were made: when the command fails at
 * one write, the writes before it are done, that one is sent again on its own for its own answer,
 * and the ones after it (which never reached the database) go out with the next command.
 */
export function writeBatcher<Item>({
  one,
  many,
}: BatchedWrite<Item>): (item: Item) => Promise<void> {
  interface Waiting {
    item: Item;
    resolve(): void;
    reject(error: unknown): void;
  }
  const waiting: Waiting[] = [];
  let sending = false;
  // A command's writes are no one request's: they run where the batcher was made (outside any
  // request), so the deadline or departure of whichever request started a command cannot refuse
  // the other requests' writes in it.
  const context = new AsyncResource('WriteBatcher');

  async function alone(write: Waiting): Promise<void> {
    try {
      await one(write.item);
      write.resolve();
    } catch (error) {
      write.reject(error);
    }
  }

  async function send(batch: Waiting[]): Promise<void> {
    if (batch.length === 1) return alone(batch[0]!);
    try {
      await many(batch.map(({ item }) => item));
      for (const write of batch) write.resolve();
    } catch (error) {
      const refused = writeErrorIndex(error);
      if (refused === undefined) {
        // Nothing says how far it got: each write is sent again on its own, in order.
        for (const write of batch) await alone(write);
        return;
      }
      for (const write of batch.slice(0, refused)) write.resolve();
      await alone(batch[refused]!);
      // Never reached the database: back to the front, in order, to go out with the next.
      waiting.unshift(...batch.slice(refused + 1));
    }
  }

  async function drain(): Promise<void> {
    sending = true;
    while (waiting.length > 0) await send(waiting.splice(0, WRITE_BATCH_SIZE));
    sending = false;
  }

  return (item) =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      if (!sending) void context.runInAsyncScope(drain);
    });
}
