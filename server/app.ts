import { randomBytes, randomUUID } from 'node:crypto';

import compression from 'compression';
import express, { type RequestHandler } from 'express';
import helmet from 'helmet';
import mongoose from 'mongoose';
import { pinoHttp } from 'pino-http';

import { setQueryGuard } from '../models';
import { createOpenApiDocument, documentedMethods } from './api/openapi';
import { createApiRouter } from './api/router';
import type { AuthService } from './auth';
import type { Config } from './config';
import { pingDatabase } from './db/ping';
import { admission } from './http/admission';
import { crossSiteFormGuard } from './http/cross-site-form-guard';
import { HEALTH_PATHS, healthRoutes } from './http/health';
import { methodNotAllowed } from './http/method-not-allowed';
import { lateErrors } from './http/late-errors';
import { malformedAddressRefusal } from './http/malformed-address';
import { requestTargetGuard } from './http/request-target-guard';
import { pageBodyGuard } from './http/page-body-guard';
import { pagesOnly } from './http/pages-only';
import { closeUnfinished } from './http/close-unfinished';
import { pageServices } from './http/page-services';
import { rateLimits } from './http/rate-limits';
import { queryTimeLimit } from './http/request-deadline';
import type { Logger } from './logger';
import type { LoadContext } from './load-context';
import type { DevMailbox } from './mail';
import type { RedisClient } from './redis/client';
import type { Services } from './services';
import type { BookingLink } from './services/booking-mail';

export interface AppOptions {
  config: Pick<
    Config,
    | 'NODE_ENV'
    | 'ADMIN_TOKEN'
    | 'DB_MAX_PENDING_REQUESTS'
    | 'DB_MAX_PENDING_PER_CLIENT'
    | 'REQUEST_TIMEOUT_MS'
    | 'RATE_LIMIT_WRITES_PER_MINUTE'
    | 'RATE_LIMIT_REQUESTS_PER_MINUTE'
    | 'TRUST_PROXY'
  >;
  /** Where the rate limits count, shared by all instances; in memory when absent. */
  rateLimitRedis?: RedisClient;
  /** Length of the rate limits' window; a minute unless a test needs to see one reset. */
  rateLimitWindowMs?: number;
  logger: Logger;
  services: Services;
  /** Sessions and sign-in of the console, handed to the pages per request. */
  auth: AuthService;
  /** Serves `/dev/mail` when given (development only). */
  devMailbox?: DevMailbox;
  /** Makes the `.ics` file a booking's page offers. */
  bookingCalendar?: (link: BookingLink) => string;
  /** Renders the pages; built from the Remix build once the context factory exists. */
  createPageHandler: (
    getLoadContext: (req: express.Request, res: express.Response) => LoadContext,
  ) => Promise<RequestHandler> | RequestHandler;
}

export async function createApp({
  config,
  logger,
  services,
  auth,
  devMailbox,
  bookingCalendar,
  createPageHandler,
  rateLimitRedis,
  rateLimitWindowMs,
}: AppOptions) {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.TRUST_PROXY);

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const id = randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      // Assets and probes would drown the requests people make.
      autoLogging: {
        ignore: (req) =>
          (req.url?.startsWith('/build/') ?? false) ||
          HEALTH_PATHS.has(req.url?.split('?')[0] ?? ''),
      },
      // One short line per request. Headers would add noise and could leak the admin token; the
      // query string would put people's email addresses in the logs.
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          // An absolute-form target may carry credentials (`http://user:pass@host/…`).
          path: req.url.startsWith('/') ? req.url.split('?')[0] : '(not a path)',
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );

  app.use(closeUnfinished());
  app.use(requestTargetGuard());
  app.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString('hex');
    next();
  });
  app.use(
    helmet({
      // Not helmet's `no-referrer`: with it Chromium sends `Origin: null` on plain form posts,
      // and Remix refuses those as cross-site (a 500 for every booking made without JavaScript).
      referrerPolicy: { policy: 'same-origin' },
      contentSecurityPolicy: {
        directives: {
          'script-src': [
            "'strict-dynamic'",
            (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`,
          ],
          // Remix's live reload talks to its own dev server port over a web socket.
          'connect-src':
            config.NODE_ENV === 'development'
              ? ["'self'", 'ws:', 'http://localhost:*']
              : ["'self'"],
          'upgrade-insecure-requests': null,
        },
      },
    }),
  );
  app.use(compression());

  const openApiDocument = createOpenApiDocument();
  app.use(methodNotAllowed(documentedMethods(openApiDocument)));

  app.use(
    healthRoutes({ pingDatabase: (timeoutMs) => pingDatabase(mongoose.connection, timeoutMs) }),
  );

  app.use('/build', express.static('public/build', { immutable: true, maxAge: '1y' }));
  // Only a name with an extension can be one of these files: pages and the API would each cost
  // a disk look-up that finds nothing (measured on the expert's page).
  const publicFiles = express.static('public', { maxAge: '1h' });
  app.use((req, res, next) => (/\.[^/]*$/.test(req.path) ? publicFiles(req, res, next) : next()));

  app.use(
    rateLimits({
      writesPerMinute: config.RATE_LIMIT_WRITES_PER_MINUTE,
      requestsPerMinute: config.RATE_LIMIT_REQUESTS_PER_MINUTE,
      windowMs: rateLimitWindowMs,
      redis: rateLimitRedis,
      logger,
    }),
  );

  // Forms refused by their headers alone are refused before admission, which waits for a
  // request's body to arrive: they take no place, and their body is never waited for.
  app.use(pagesOnly(crossSiteFormGuard()));
  app.use(pagesOnly(pageBodyGuard()));

  // Every query learns its request's deadline and whether its client is still there.
  setQueryGuard(queryTimeLimit);
  app.use(
    admission({
      maxPending: config.DB_MAX_PENDING_REQUESTS,
      maxPerClient: config.DB_MAX_PENDING_PER_CLIENT,
      timeoutMs: config.REQUEST_TIMEOUT_MS,
    }),
  );

  app.use(
    '/api',
    createApiRouter({
      services,
      adminToken: config.ADMIN_TOKEN,
      readSessionUser: auth.readSessionUser,
      logger,
      openApiDocument,
    }),
  );

  const forPages = pageServices(services);
  const pageHandler = await createPageHandler((req, res) => ({
    services: forPages,
    // `req.ip` follows TRUST_PROXY: sign-in failures are counted per client, not per proxy.
    auth: auth.forClient(req.ip ?? ''),
    devMailbox,
    bookingCalendar,
    cspNonce: String(res.locals.cspNonce),
    log: req.log,
  }));
  app.all('*', pageHandler);
  app.use(malformedAddressRefusal());
  app.use(lateErrors());

  return app;
}
