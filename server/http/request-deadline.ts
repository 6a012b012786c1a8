import { AsyncLocalStorage } from 'node:async_hooks';

import { DEFAULT_MAX_TIME_MS } from '../../models';
import { ServiceUnavailableError } from '../errors';

/** What the database layer knows of the request it works for. */
export interface RequestDeadline {
  /** Aborted when the client goes away before its answer is sent. */
  signal: AbortSignal;
  /** Epoch milliseconds after which no database work is worth starting for this request. */
  expiresAt: number;
}

const current = new AsyncLocalStorage<RequestDeadline>();

/** Runs `next` (the rest of the request) with this deadline visible to its database work. */
export function runWithDeadline(deadline: RequestDeadline, next: () => void): void {
  current.run(deadline, next);
}

/**
 * The query guard: a query of a request whose client left, or whose deadline passed, is refused
 * before it reaches the database; any other gets what is left of its request's time as
 * `maxTimeMS`, so the server abandons it when nobody would wait for the answer. Work outside a
 * request (start-up, catalogue rebuilds) gets the default limit.
 */
export function queryTimeLimit(): number {
  const deadline = current.getStore();
  if (!deadline) return DEFAULT_MAX_TIME_MS;
  if (deadline.signal.aborted) {
    throw new ServiceUnavailableError('The client went away; its database work was dropped.');
  }
  const left = deadline.expiresAt - Date.now();
  if (left <= 0) throw new ServiceUnavailableError();
  return Math.min(Math.ceil(left), DEFAULT_MAX_TIME_MS);
}
