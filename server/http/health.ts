import express from 'express';

import type * as z from 'zod/mini';

import type { LivenessSchema, NotReadySchema, ReadinessSchema } from '../api/api-responses';

import { DatabaseUnavailableError } from '../errors';
import { toErrorResponse } from './error-response';

export const HEALTH_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz']);

/** Probes ask often; a process that is only slow must not be reported as down. */
const READY_PING_TIMEOUT_MS = 2_000;

/**
 * Liveness (`/healthz`: the process answers) and readiness (`/readyz`: the database answers a
 * ping) for load balancers and orchestrators. Mounted ahead of load shedding and rate limits so
 * a busy server is not mistaken for a dead one, and kept out of the info-level request log.
 */
export function healthRoutes({
  pingDatabase,
  timeoutMs = READY_PING_TIMEOUT_MS,
}: {
  pingDatabase: (timeoutMs: number) => Promise<void>;
  timeoutMs?: number;
}) {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res
      .set('Cache-Control', 'no-store')
      .json({ status: 'ok' } satisfies z.output<typeof LivenessSchema>);
  });
  router.get('/readyz', (req, res) => {
    res.set('Cache-Control', 'no-store');
    pingDatabase(timeoutMs).then(
      () => res.json({ status: 'ready' } satisfies z.output<typeof ReadinessSchema>),
      (error: unknown) => {
        req.log.warn({ err: error }, 'readiness check failed');
        const { status, body, headers } = toErrorResponse(new DatabaseUnavailableError());
        res
          .status(status)
          .set(headers)
          .json({ status: 'unavailable', ...body } satisfies z.output<typeof NotReadySchema>);
      },
    );
  });
  return router;
}
