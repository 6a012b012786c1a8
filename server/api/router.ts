import { isUtf8 } from 'node:buffer';

import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';

import { toErrorResponse, HttpError } from '../http/error-response';
import type { Logger } from '../logger';
import type { Services } from '../services';
import type { ApiRoute } from './api-route';
import { CALLERS, type CallerDeps, type ReadSessionUser } from './caller-auth';
import { docsPage } from './docs-page';
import type { OpenApiDocument } from './openapi';
import { API_ROUTES } from './routes';

/** Small enough for any booking (notes are capped at 1000 characters), too small for abuse. */
export const BODY_LIMIT_BYTES = 16 * 1024;

type AsyncHandler = (req: Request, res: Response) => Promise<void>;

/** Express 4 does not catch rejected promises; hand them to the error middleware. */
function handled(handler: AsyncHandler): RequestHandler {
  return (req, res, next) => {
    handler(req, res).catch(next);
  };
}

/**
 * JSON is UTF-8 (RFC 8259). Bytes that are not (a stray Latin-1 byte, a surrogate written out)
 * would be read as U+FFFD and stored as that: what was saved would not be what was sent.
 */
function requireUtf8(_req: Request, _res: Response, body: Buffer): void {
  if (!isUtf8(body)) {
    throw Object.assign(new Error('The request body is not valid UTF-8.'), {
      type: 'encoding.invalid',
    });
  }
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

/** `/bookings/{id}` → `/bookings/:id`. */
function expressPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}

/** The Express stages of one call: its caller, its body, its handler, in the order they refuse. */
function stagesOf(route: ApiRoute, services: Services, deps: CallerDeps): RequestHandler[] {
  const { caller } = route;
  const stages: RequestHandler[] = [];
  if (caller.beforeBody) {
    stages.push((req, res, next) => {
      Promise.resolve()
        .then(() => caller.identify(req, deps))
        .then((who) => {
          res.locals.caller = who;
          next();
        }, next);
    });
  }
  if (route.body) {
    stages.push(
      requireJsonBody,
      express.json({
        limit: route.body.limitBytes ?? BODY_LIMIT_BYTES,
        strict: true,
        verify: requireUtf8,
      }),
    );
  }
  stages.push(
    handled(async (req, res) => {
      const who: unknown = caller.beforeBody ? res.locals.caller : await caller.identify(req, deps);
      const answer = await route.handle(
        {
          params: req.params,
          query: req.query,
          body: req.body,
          header: (name) => req.get(name),
          caller: who,
        },
        services,
      );
      // A person's data or a secret (a new booking's manage token) is kept out of every cache.
      if (caller !== CALLERS.anyone || req.method !== 'GET') res.set('Cache-Control', 'no-store');
      res.status(route.answer.status).json(answer);
    }),
  );
  return stages;
}

/** The JSON API: the calls of the route table (routes.ts), its document and its error answers. */
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
  const router = express.Router();

  router.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });
  router.use(docsPage());

  for (const route of API_ROUTES) {
    router[route.method](
      expressPath(route.path),
      ...stagesOf(route, services, { adminToken, readSessionUser }),
    );
  }

  router.use((_req, _res, next) => {
    // Nothing of the address is said back: a stranger's crafted path stays theirs.
    next(new HttpError('NOT_FOUND', 'There is no such API call. The calls there are: /api/docs.'));
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
