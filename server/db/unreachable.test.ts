import mongoose from 'mongoose';

import { isDatabaseUnreachableError } from './unreachable';

const { mongo } = mongoose;

describe('isDatabaseUnreachableError', () => {
  it('recognises the driver saying no server can be reached', () => {
    expect(isDatabaseUnreachableError(new mongo.MongoNetworkError('connection 3 closed'))).toBe(
      true,
    );
    expect(isDatabaseUnreachableError(new mongo.MongoNotConnectedError('not connected'))).toBe(
      true,
    );
    const selection = new Error('Server selection timed out after 3000 ms');
    selection.name = 'MongooseServerSelectionError';
    expect(isDatabaseUnreachableError(selection)).toBe(true);
  });

  it('recognises a batch of writes cut off by a broken connection', () => {
    const broken = new mongo.MongoNetworkError('connection 4 to 127.0.0.1:34107 closed');
    const batch = new mongo.MongoBulkWriteError(broken, {
      insertedCount: 0,
      matchedCount: 0,
      modifiedCount: 0,
      deletedCount: 0,
      upsertedCount: 0,
      upsertedIds: {},
      insertedIds: {},
    } as never);
    expect(isDatabaseUnreachableError(batch)).toBe(true);
    const refused = new mongo.MongoBulkWriteError(
      {
        message:
          '[msg_insert.go:168 handler.(*Handler).MsgInsert] failed to connect to `user=postgres database=ferretdb`: dial error',
        code: 1,
        writeErrors: [],
      },
      {} as never,
    );
    expect(isDatabaseUnreachableError(refused)).toBe(true);
    const duplicate = new mongo.MongoBulkWriteError(
      { message: 'E11000 duplicate key', code: 11000, writeErrors: [] },
      {} as never,
    );
    expect(isDatabaseUnreachableError(duplicate)).toBe(false);
  });

  it('recognises FerretDB passing on that its PostgreSQL is down', () => {
    const down = new mongo.MongoServerError({
      ok: 0,
      code: 1,
      errmsg:
        '[msg_insert.go:168 handler.(*Handler).MsgInsert] failed to connect to `user=postgres database=ferretdb`: dial error',
    });
    expect(isDatabaseUnreachableError(down)).toBe(true);
  });

  it('leaves answers of a working database alone', () => {
    const duplicate = new mongo.MongoServerError({ ok: 0, code: 11000, errmsg: 'E11000 dup key' });
    expect(isDatabaseUnreachableError(duplicate)).toBe(false);
    expect(isDatabaseUnreachableError(new Error('connection refused'))).toBe(false);
    expect(isDatabaseUnreachableError('MongoNetworkError')).toBe(false);
  });
});
