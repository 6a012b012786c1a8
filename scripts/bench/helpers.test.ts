import { describe, expect, it } from 'vitest';

import { withDatabaseName } from './database-uri';
import { positiveInteger } from './env';
import { markdownTable } from './markdown-table';
import { formatMs, percentile } from './stats';

describe('percentile', () => {
  const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

  it('takes the nearest rank', () => {
    expect(percentile(sorted, 50)).toBe(5);
    expect(percentile(sorted, 99)).toBe(10);
    expect(percentile(sorted, 0)).toBe(1);
    expect(percentile([42], 99)).toBe(42);
  });

  it('has nothing to say about no samples', () => {
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('formatMs', () => {
  it('switches to seconds from one second on, and says n/a for no value', () => {
    expect(formatMs(4.26)).toBe('4.3 ms');
    expect(formatMs(2480)).toBe('2.48 s');
    expect(formatMs(Number.NaN)).toBe('n/a');
    expect(formatMs(undefined)).toBe('n/a');
  });
});

describe('markdownTable', () => {
  it('pads every column to its widest cell and marks right-aligned ones', () => {
    expect(
      markdownTable(
        [
          ['call', 'req/s'],
          ['GET /api/experts', '512'],
          ['x', '9'],
        ],
        ['left', 'right'],
      ),
    ).toBe(
      [
        '| call             | req/s |',
        '|------------------|------:|',
        '| GET /api/experts |   512 |',
        '| x                |     9 |',
      ].join('\n'),
    );
  });

  it('fills short rows with empty cells', () => {
    expect(markdownTable([['a', 'b'], ['c']])).toBe(
      ['| a   | b   |', '|-----|-----|', '| c   |     |'].join('\n'),
    );
  });
});

describe('positiveInteger', () => {
  it('reads a whole number, or falls back when unset or blank', () => {
    expect(positiveInteger('N', 7, { N: '12' })).toBe(12);
    expect(positiveInteger('N', 7, {})).toBe(7);
    expect(positiveInteger('N', 7, { N: ' ' })).toBe(7);
  });

  it('names the variable when the value is no whole number of at least 1', () => {
    for (const value of ['0', '-3', '2.5', 'ten']) {
      expect(() => positiveInteger('BENCH_DURATION', 7, { BENCH_DURATION: value })).toThrow(
        'BENCH_DURATION must be a whole number',
      );
    }
  });
});

describe('withDatabaseName', () => {
  it('replaces or adds the database, keeping hosts, credentials and options', () => {
    expect(withDatabaseName('mongodb://127.0.0.1:27017/', 'bench_1')).toBe(
      'mongodb://127.0.0.1:27017/bench_1',
    );
    expect(withDatabaseName('mongodb://127.0.0.1:27017', 'bench_1')).toBe(
      'mongodb://127.0.0.1:27017/bench_1',
    );
    expect(
      withDatabaseName('mongodb://u:p@a:1,b:2/expert-booking?replicaSet=rs0&authSource=admin', 'b'),
    ).toBe('mongodb://u:p@a:1,b:2/b?replicaSet=rs0&authSource=admin');
    expect(withDatabaseName('mongodb+srv://c.example.net/app?retryWrites=true', 'b')).toBe(
      'mongodb+srv://c.example.net/b?retryWrites=true',
    );
  });

  it('refuses what is no MongoDB URI', () => {
    expect(() => withDatabaseName('postgres://localhost/x', 'b')).toThrow(/MONGODB_URI/);
  });
});
