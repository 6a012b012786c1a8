import { describe, expect, it } from 'vitest';

import {
  callMisses,
  errorCount,
  isNormalTime,
  overloadMisses,
  raceMisses,
  verdict,
  type CallFigures,
} from './goals';
import type { LoadResult } from './load';
import { formatStatuses, stressTable } from './report';

function load(overrides: Partial<LoadResult> = {}): LoadResult {
  return {
    requestsPerSecond: 800,
    p50: 20,
    p99: 120,
    max: 180,
    statuses: { 200: 8000 },
    failures: 0,
    ...overrides,
  };
}

function call(overrides: Partial<CallFigures> = {}): CallFigures {
  return {
    name: 'GET /api/experts',
    kind: 'list',
    expectedStatus: 200,
    alone: load({ p50: 4 }),
    loaded: load(),
    ...overrides,
  };
}

describe('callMisses', () => {
  it('passes a call that meets every goal', () => {
    expect(verdict(callMisses(call()))).toBe('pass');
  });

  it('names each goal missed', () => {
    const slow = call({
      kind: 'page',
      alone: load({ p50: 31 }),
      loaded: load({ requestsPerSecond: 149, p99: 501, statuses: { 200: 10, 500: 1 } }),
    });
    expect(callMisses(slow)).toEqual([
      'p50 alone > 30 ms',
      '< 150 req/s',
      'p99 > 500 ms',
      'errors',
    ]);
  });

  it('holds calls without a throughput goal to the others only', () => {
    expect(callMisses(call({ kind: 'other', loaded: load({ requestsPerSecond: 3 }) }))).toEqual([]);
  });

  it('misses a run that got no answer at all', () => {
    const silent = load({ requestsPerSecond: 0, p50: NaN, p99: NaN, statuses: {}, failures: 50 });
    expect(callMisses(call({ kind: 'other', loaded: silent }))).toEqual(['p99 > 500 ms', 'errors']);
  });
});

describe('errorCount', () => {
  it('counts answers with another status and requests without an answer', () => {
    expect(errorCount(load({ statuses: { 201: 90, 409: 2, 503: 1 }, failures: 3 }), 201)).toBe(6);
  });
});

describe('raceMisses', () => {
  it('passes exactly one 201 and 409s for all the others', () => {
    expect(raceMisses({ requests: 1000, statuses: { 201: 1, 409: 999 }, failures: 0 })).toEqual([]);
  });

  it('misses double bookings and other answers', () => {
    expect(
      raceMisses({ requests: 1000, statuses: { 201: 2, 409: 990, 500: 3 }, failures: 5 }),
    ).toEqual(['2 × 201, not 1', '990 × 409, not 999', '8 other']);
  });
});

describe('overloadMisses', () => {
  const shed = { connections: 500, normalMs: 5, after: { status: 200, ms: 7 } };

  it('passes shedding with a quick p99 and a normal request after it', () => {
    const result = load({ p99: 900, statuses: { 200: 4000, 503: 9000 } });
    expect(overloadMisses({ ...shed, result })).toEqual([]);
  });

  it('passes answering everyone in time without shedding (served from memory)', () => {
    const result = load({ p99: 300, statuses: { 200: 20_000 } });
    expect(overloadMisses({ ...shed, result })).toEqual([]);
  });

  it('misses queueing instead of shedding, and a slow request after it', () => {
    const result = load({ p99: 9000, statuses: { 200: 300 } });
    const after = { status: 200, ms: 64_000 };
    expect(overloadMisses({ ...shed, result, after })).toEqual([
      'p99 > 1 s',
      'request after it slow or failed',
    ]);
  });

  it('misses any answer but 200 and 503, however quick', () => {
    const result = load({ p99: 200, statuses: { 200: 400, 500: 15_000, 503: 10 } });
    expect(overloadMisses({ ...shed, result })).toEqual(['15000 answers neither 200 nor 503']);
  });
});

describe('isNormalTime', () => {
  it('allows twice the time alone, or 10 ms more for quick calls', () => {
    expect(isNormalTime(12, 3)).toBe(true);
    expect(isNormalTime(14, 3)).toBe(false);
    expect(isNormalTime(200, 100)).toBe(true);
    expect(isNormalTime(201, 100)).toBe(false);
  });
});

describe('report', () => {
  it('lists statuses in order, then requests without an answer', () => {
    expect(formatStatuses({ 503: 12, 200: 4211 }, 3)).toBe('200: 4211, 503: 12, no answer: 3');
    expect(formatStatuses({})).toBe('none');
  });

  it('puts the race and the overload run in one table with their verdicts', () => {
    const table = stressTable(
      { requests: 1000, statuses: { 201: 1, 409: 999 }, failures: 0 },
      {
        connections: 500,
        result: load({ p99: 700, statuses: { 200: 100, 503: 5000 } }),
        after: { status: 0, ms: 60_000 },
        normalMs: 4,
      },
    );
    expect(table.split('\n')).toHaveLength(4);
    expect(table).toMatch(/\| 1000-way race on one slot +\| 201: 1, 409: 999 .*\| pass +\|/);
    expect(table).toMatch(/no answer in 60\.00 s \(alone: 4\.0 ms\) \| miss: request after it/);
  });
});
