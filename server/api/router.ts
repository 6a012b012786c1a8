import express, { type NextFunction, type Request, type Response } from 'express';
import type * as z from 'zod/mini';

import {
  AvailabilityResponseSchema,
  BookingResponseSchema,
  BookingSummariesResponseSchema,
  CreatedBookingResponseSchema,
  ExpertListResponseSchema,
  ExpertResponseSchema,
} from '../../app/schemas/api-responses';

import { toErrorResponse, HttpError } from '../http/error-response';
import type { Logger } from '../logger';
import type { Services } from '../services';
import type { Actor } from '../services/actor';
import {
  listAccess,
  requireActor,
  requireAdminToken,
  requireBookingAccess,
  type ReadSessionUser,
} from './caller-auth';
import { docsPage } from './docs-page';
import type { OpenApiDocument } from './openapi';

/** Small enough for any booking (notes are capped at 1000 characters), too small for abuse. */
const BODY_LIMIT = '16kb';
/**
 * Availability rules may carry 400 date overrides of 12 intervals each (about 180 KB as JSON):
 * the largest rules the schema allows must fit.
 */
const AVAILABILITY_BODY_LIMIT = '256kb';

type AsyncHandler = (req: Request, res: Response) => Promise<void>;

/** Express 4 does not catch rejected promises; hand them to the error middleware. */
function route(handler: AsyncHandler) {
  return (req: Request, res: Response, next: NextFunction) => {
    handler(req, res).catch(next);
  };
}

/** Sends a success answer typed by the schema the OpenAPI document publishes for it. */
function send<Schema extends z.core.$ZodType>(
  res: Response,
  _schema: Schema,
  body: z.output<Schema>,
  status = 200,
) {
  res.status(status).json(body);
}

function requireJsonBody(req: Request, _res: Response, next: NextFunction) {
  if (!req.is('application/json')) {
    return next(
      new HttpError(
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
  readSessionUser,
  logger,
  openApiDocument,
}: {
  services: Services;
  /** Served at `/api/openapi.json`; built once, when the app is. */
  openApiDocument: OpenApiDocument;
  adminToken: string | undefined;
  /** The console's signed-in user, for the calls a person may also make from their session. */
  readSessionUser: ReadSessionUser;
  logger: Logger;
}) {
  const { experts, bookings } = services;
  const router = express.Router();
  const jsonBody = (limit: string) => [requireJsonBody, express.json({ limit, strict: true })];
  const json = jsonBody(BODY_LIMIT);

  router.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });
  router.use(docsPage());

  router.get(
    '/experts',
    route(async (req, res) => {
      const { items, pagination } = await experts.list(req.query);
      send(res, ExpertListResponseSchema, { data: items, pagination });
    }),
  );

  router.get(
    '/experts/:id',
    route(async (req, res) => {
      send(res, ExpertResponseSchema, { data: await experts.get(req.params.id, req.query) });
    }),
  );

  router.get(
    '/experts/:id/availability',
    route(async (req, res) => {
      send(res, AvailabilityResponseSchema, {
        data: await experts.getAvailability(req.params.id),
      });
    }),
  );

  router.put(
    '/experts/:id/availability',
    requireActor(adminToken, readSessionUser),
    jsonBody(AVAILABILITY_BODY_LIMIT),
    route(async (req, res) => {
      const actor = res.locals.actor as Actor;
      send(res, AvailabilityResponseSchema, {
        data: await experts.updateAvailability(actor, req.params.id, req.body),
      });
    }),
  );

  router.post(
    '/bookings',
    json,
    route(async (req, res) => {
      const idempotencyKey = req.get('idempotency-key');
      const booking = await bookings.create(req.body, { idempotencyKey });
      send(res, CreatedBookingResponseSchema, { data: booking }, 201);
    }),
  );

  router.get(
    '/bookings',
    route(async (req, res) => {
      const access = listAccess(req, adminToken);
      send(res, BookingSummariesResponseSchema, {
        data: await bookings.listByEmail(req.query, access),
      });
    }),
  );

  router.get(
    '/bookings/:id',
    route(async (req, res) => {
      const access = requireBookingAccess(req, adminToken);
      send(res, BookingResponseSchema, { data: await bookings.get(req.params.id, access) });
    }),
  );

  router.post(
    '/bookings/:id/cancel',
    json,
    route(async (req, res) => {
      const access = requireBookingAccess(req, adminToken);
      send(res, BookingResponseSchema, {
        data: await bookings.cancel(req.params.id, req.body, access),
      });
    }),
  );

  router.post(
    '/bookings/:id/reschedule',
    json,
    route(async (req, res) => {
      const access = requireBookingAccess(req, adminToken);
      send(res, BookingResponseSchema, {
        data: await bookings.reschedule(req.params.id, req.body, access),
      });
    }),
  );

  router.patch(
    '/bookings/:id/status',
    requireAdminToken(adminToken),
    json,
    route(async (req, res) => {
      send(res, BookingResponseSchema, {
        data: await bookings.changeStatus(req.params.id, req.body, { by: 'admin' }),
      });
    }),
  );

  router.use((req, _res, next) => {
    next(new HttpError('NOT_FOUND', `There is no API call ${req.method} ${req.originalUrl}.`));
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
