import { describe, expect, it } from 'vitest';

import { readOptions } from './options';

describe('readOptions', () => {
  it("defaults to issue 9's run", () => {
    expect(readOptions([], {})).toEqual({
      seconds: 10,
      connections: 50,
      experts: 1000,
      bookings: 100_000,
      aloneRequests: 200,
      racers: 1000,
      overloadConnections: 500,
    });
  });

  it('takes smaller sizes from the environment and the output file from --out', () => {
    const options = readOptions(['--out', 'docs/benchmarks.md'], {
      BENCH_EXPERTS: '50',
      BENCH_BOOKINGS: '2000',
      BENCH_DURATION: '3',
    });
    expect(options).toMatchObject({ experts: 50, bookings: 2000, seconds: 3 });
    expect(options.out).toBe('docs/benchmarks.md');
  });

  it('refuses unknown arguments and bad values with one line', () => {
    expect(() => readOptions(['--fast'], {})).toThrow('Unknown arguments: --fast');
    expect(() => readOptions(['--out'], {})).toThrow('Unknown arguments: --out');
    expect(() => readOptions([], { BENCH_CONNECTIONS: 'many' })).toThrow(
      'BENCH_CONNECTIONS must be a whole number',
    );
  });
});
