import { describe, expect, it } from 'vitest';

import { DataDirInUseError } from '../../embedded-db';
import { describeFailure } from './failure';

describe('describeFailure', () => {
  it('drops FerretDB Go positions and the output that followed the first line', () => {
    const error = new Error(
      '[msg_create.go:137 handler.(*Handler).MsgCreate] failed to connect: dial tcp ' +
        '127.0.0.1:5432: connect: connection refused\ngoroutine 1 [running]:\nmain.main()',
    );

    expect(describeFailure(error)).toBe(
      'failed to connect: dial tcp 127.0.0.1:5432: connect: connection refused ' +
        '(LOG_LEVEL=debug shows the detail)',
    );
  });

  it('says a database error in words, and passes our own sentences on as they are', () => {
    const refused = Object.assign(new Error('E11000 whatever'), { name: 'MongoServerError' });
    const inUse = new DataDirInUseError('The data folder .data is in use by the app (pid 1).');

    expect(describeFailure(refused)).toMatch(/^the database did not accept the writes/);
    expect(describeFailure(inUse)).toBe(inUse.message);
    expect(
      describeFailure(new Error('postgres exited during start-up (exit code 1):\nFATAL')),
    ).toBe('postgres exited during start-up (exit code 1) (LOG_LEVEL=debug shows the detail)');
  });
});
