import type { LoadResult } from './load';

/** Issue 9's goals, on a 2-core machine with the large data set. */
export const GOALS = {
  aloneP50Ms: 30,
  loadedP99Ms: 500,
  /** Requests/s at the usual number of clients, per kind of call; other calls have none. */
  loadedRps: { list: 500, expert: 300, page: 150 },
  overloadP99Ms: 1000,
} as const;

export type CallKind = keyof typeof GOALS.loadedRps | 'other';

export interface CallFigures {
  name: string;
  kind: CallKind;
  /** The status every answer should have (200, or 201 for bookings). */
  expectedStatus: number;
  alone: LoadResult;
  loaded: LoadResult;
  driverAlone?: LoadResult;
  driverLoaded?: LoadResult;
}

export interface RaceFigures {
  requests: number;
  statuses: Record<string, number>;
  failures: number;
}

export interface OverloadFigures {
  connections: number;
  result: LoadResult;
  /** A lone request sent as soon as the overload ended. */
  after: { status: number; ms: number };
  /** The same call's p50 alone, earlier in the run. */
  normalMs: number;
}

/** Answers other than the expected status, plus requests that got no answer at all. */
export function errorCount(result: LoadResult, expectedStatus: number): number {
  const unexpected = Object.entries(result.statuses)
    .filter(([status]) => status !== String(expectedStatus))
    .reduce((sum, [, count]) => sum + count, 0);
  return unexpected + result.failures;
}

/** A request "served in normal time": within twice its time alone, or 10 ms more. */
export function isNormalTime(ms: number, normalMs: number): boolean {
  return ms <= Math.max(2 * normalMs, normalMs + 10);
}

/** The goals a call misses, each as a short reason; empty when it meets them all. */
export function callMisses(call: CallFigures): string[] {
  const misses: string[] = [];
  if (!(call.alone.p50 <= GOALS.aloneP50Ms)) misses.push(`p50 alone > ${GOALS.aloneP50Ms} ms`);
  if (call.kind !== 'other') {
    const floor = GOALS.loadedRps[call.kind];
    if (!(call.loaded.requestsPerSecond >= floor)) misses.push(`< ${floor} req/s`);
  }
  if (!(call.loaded.p99 <= GOALS.loadedP99Ms)) misses.push(`p99 > ${GOALS.loadedP99Ms} ms`);
  if (errorCount(call.loaded, call.expectedStatus) > 0) misses.push('errors');
  return misses;
}

export function raceMisses(race: RaceFigures): string[] {
  const created = race.statuses['201'] ?? 0;
  const taken = race.statuses['409'] ?? 0;
  const misses: string[] = [];
  if (created !== 1) misses.push(`${created} × 201, not 1`);
  if (taken !== race.requests - 1) misses.push(`${taken} × 409, not ${race.requests - 1}`);
  const other = race.requests - created - taken;
  if (other !== 0) misses.push(`${other} other`);
  return misses;
}

/**
 * Under overload every request is either answered (200) or turned away at once (503): which of
 * the two depends on whether requests wait on the database (served from memory, none need
 * shedding). Anything else is a fault, and queueing instead of shedding shows in the p99.
 */
export function overloadMisses(overload: OverloadFigures): string[] {
  const misses: string[] = [];
  const other = Object.entries(overload.result.statuses)
    .filter(([status]) => status !== '200' && status !== '503')
    .reduce((sum, [, count]) => sum + count, 0);
  if (other > 0) misses.push(`${other} answers neither 200 nor 503`);
  if (!(overload.result.p99 <= GOALS.overloadP99Ms)) {
    misses.push(`p99 > ${GOALS.overloadP99Ms / 1000} s`);
  }
  if (overload.after.status !== 200 || !isNormalTime(overload.after.ms, overload.normalMs)) {
    misses.push('request after it slow or failed');
  }
  return misses;
}

export function verdict(misses: readonly string[]): string {
  return misses.length === 0 ? 'pass' : `miss: ${misses.join(', ')}`;
}
