import express, { type NextFunction, type Request, type Response } from 'express';

import { toErrorResponse, HttpError } from '../http/error-response';
import type { Logger } from '../logger';
import type { Services } from '../services';
import { requireAdminToken, requireBookingAccess } from './admin-auth';

/** Small enough for any booking (notes are capped at 1000 characters), too small for abuse. */
const BODY_LIMIT = '16kb';

type AsyncHandler = (req: Request, res: Response) => Promise<void>;

/** Express 4 does not catch rejected promises; hand them to the error middleware. */
function route(handler: AsyncHandler) {
  return (req: Request, res: Response, next: NextFunction) => {
    handler(req, res).catch(next);
  };
}

function requireJsonBody(req: Request, _res: Response, next: NextFunction) {
  if (!req.is('application/json')) {
    return next(
      new HttpError(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        'Send the body as JSON (Content-Type: application/json).',
      ),
    );
  }
  next();
}

/**
 * The JSON API. Each handler only reads the request, calls a service and shapes the answer;
 * every rule, validation included, lives in the services shared with the pages.
 */
export function createApiRouter({
  services,
  adminToken,
  logger,
}: {
  services: Services;
  adminToken: string | undefined;
  logger: Logger;
}) {
  const { experts, bookings } = services;
  const router = express.Router();
  const json = [requireJsonBody, express.json({ limit: BODY_LIMIT, strict: true })];

  router.get(
    '/experts',
    route(async (req, res) => {
      const { items, pagination } = await experts.list(req.query);
      res.json({ data: items, pagination });
    }),
  );

  router.get(
    '/experts/:id',
    route(async (req, res) => {
      res.json({ data: await experts.get(req.params.id, req.query) });
    }),
  );

  router.get(
    '/experts/:id/availability',
    route(async (req, res) => {
      res.json({ data: await experts.getAvailability(req.params.id) });
    }),
  );

  router.put(
    '/experts/:id/availability',
    requireAdminToken(adminToken),
    json,
    route(async (req, res) => {
      res.json({ data: await experts.replaceAvailability(req.params.id, req.body) });
    }),
  );

  router.post(
    '/bookings',
    json,
    route(async (req, res) => {
      const idempotencyKey = req.get('idempotency-key');
      res.status(201).json({ data: await bookings.create(req.body, { idempotencyKey }) });
    }),
  );

  router.get(
    '/bookings',
    route(async (req, res) => {
      res.json({ data: await bookings.listByEmail(req.query) });
    }),
  );

  router.get(
    '/bookings/:id',
    route(async (req, res) => {
      const access = requireBookingAccess(req, adminToken);
      res.json({ data: await bookings.get(req.params.id, access) });
    }),
  );

  router.post(
    '/bookings/:id/cancel',
    json,
    route(async (req, res) => {
      const access = requireBookingAccess(req, adminToken);
      res.json({ data: await bookings.cancel(req.params.id, req.body, access) });
    }),
  );

  router.post(
    '/bookings/:id/reschedule',
    json,
    route(async (req, res) => {
      const access = requireBookingAccess(req, adminToken);
      res.json({ data: await bookings.reschedule(req.params.id, req.body, access) });
    }),
  );

  router.patch(
    '/bookings/:id/status',
    requireAdminToken(adminToken),
    json,
    route(async (req, res) => {
      res.json({ data: await bookings.changeStatus(req.params.id, req.body) });
    }),
  );

  router.use((req, _res, next) => {
    next(new HttpError(404, 'NOT_FOUND', `There is no API call ${req.method} ${req.originalUrl}.`));
  });

  router.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    // Answered already (at its deadline, see admission.ts) or the client left: nobody is
    // waiting for this answer.
    if (res.headersSent || res.destroyed) return;
    const { status, body, headers } = toErrorResponse(error, String(req.id));
    if (status >= 500 && status !== 503) {
      logger.error({ err: error, requestId: req.id }, 'unexpected API failure');
    }
    if (headers) res.set(headers);
    res.status(status).json(body);
  });

  return router;
}
