import { AsyncLocalStorage } from 'node:async_hooks';

import type { Query, Schema } from 'mongoose';

/** The longest any query may run when no request sets a tighter limit (start-up, rebuilds). */
export const DEFAULT_MAX_TIME_MS = 30_000;

/**
 * Asked just before each database operation: answers how many milliseconds it may take, or
 * throws to refuse it (its request's client left, or its deadline passed). The server plugs in
 * the per-request rules; until then every operation gets the default limit.
 */
export type QueryGuard = () => number;

let guard: QueryGuard = () => DEFAULT_MAX_TIME_MS;

export function setQueryGuard(next: QueryGuard): void {
  guard = next;
}

const pastItsRequest = new AsyncLocalStorage<true>();

/**
 * Runs `work` free of its request's client and deadline, with the default limit on each query: a
 * change that has begun to write owes the rest of its writes, its events and its mail whether or
 * not anybody still waits for the answer (a change saved, and its client never told, is worse
 * than a late one).
 */
export function runPastItsRequest<T>(work: () => Promise<T>): Promise<T> {
  return pastItsRequest.run(true, work);
}

function limit(): number {
  return pastItsRequest.getStore() ? DEFAULT_MAX_TIME_MS : guard();
}

/**
 * Throws as the guard would for a query when no database work is wanted any more (its client
 * left, or its deadline passed): for work that waited its turn before writing, since inserts are
 * not put under the guard.
 */
export function refuseUnwantedWork(): void {
  limit();
}

// Reads send `maxTimeMS`, so the server itself abandons work nobody will wait for. FerretDB 1.24
// accepts it on find, findAndModify and aggregate (countDocuments), not on plain writes.
const TIMED_QUERIES: ('find' | 'findOne' | 'countDocuments' | 'findOneAndUpdate')[] = [
  'find',
  'findOne',
  'countDocuments',
  'findOneAndUpdate',
];
const UNTIMED_QUERIES: ('updateOne' | 'updateMany' | 'deleteOne' | 'deleteMany')[] = [
  'updateOne',
  'updateMany',
  'deleteOne',
  'deleteMany',
];

/** Puts every query and save of a schema under the guard. */
export function queryGuardPlugin(schema: Schema): void {
  schema.pre<Query<unknown, unknown>>(TIMED_QUERIES, function limitTime() {
    this.maxTimeMS(limit());
  });
  schema.pre(UNTIMED_QUERIES, function checkAllowed() {
    limit();
  });
  schema.pre('save', function checkAllowed() {
    limit();
  });
}

/** MongoDB's (and FerretDB's) code for an operation stopped by its maxTimeMS. */
export const MAX_TIME_EXPIRED = 50;

export function isMaxTimeExpiredError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    error.code === MAX_TIME_EXPIRED
  );
}
