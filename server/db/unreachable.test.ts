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
