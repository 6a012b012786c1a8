import { withoutQueryValues } from './ferretdb-server';

describe('what of a FerretDB log line is logged', () => {
  it('leaves out the values of a failed query, keeping what went wrong', () => {
    // As FerretDB 1.24 wrote it for a booking look-up cut short by its request's deadline.
    const line = {
      level: 'ERROR',
      msg: 'Query',
      sql: 'SELECT _jsonb FROM "test"."bookings_b5a5e4a7" WHERE _jsonb->$1 = $2',
      args: { '0': 'email', '1': '"ada@example.com"', '2': 'idempotencyKey', '3': '"key-1"' },
      err: 'ERROR: canceling statement due to user request (SQLSTATE 57014)',
    };
    const logged = withoutQueryValues(line);
    expect(JSON.stringify(logged)).not.toContain('ada@example.com');
    expect(JSON.stringify(logged)).not.toContain('key-1');
    expect(logged).toEqual({ level: 'ERROR', msg: 'Query', sql: line.sql, err: line.err });
  });

  it('leaves other lines as they are', () => {
    expect(withoutQueryValues('plain text')).toBe('plain text');
    expect(withoutQueryValues({ msg: 'Listening' })).toEqual({ msg: 'Listening' });
  });
});
