import express, { type Request } from 'express';
import { rateLimit } from 'express-rate-limit';
import { RedisStore, type RedisReply } from 'rate-limit-redis';

import { RateLimitedError } from '../errors';
import type { Logger } from '../logger';
import { connectRedisClients, createRedisClient, type RedisClient } from '../redis/client';
import { refusalPage, sendRefusal } from './refusal';
import { routeKey } from './route-key';

/** The limits are per minute; tests shorten the window to see one trip and reset. */
export const RATE_LIMIT_WINDOW_MS = 60_000;

/**
 * Where the sign-in forms post (a password, or a request for a one-time sign-in link); limited
 * per address whether or not the routes exist yet.
 */
const SIGN_IN_ROUTES = new Set(['/login', '/login/link']);

/** What only reads: every other method may reach an action or a booking call. */
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Requests that book or change a booking: the API's booking calls, and the page forms that post
 * to Remix (an expert's page books, a booking's private page manages it, and "send me my links"
 * on /bookings sends mail). Matched against `routeKey`, never the raw path.
 */
const WRITE_ROUTES = [/^\/api\/bookings(\/|$)/, /^\/experts\/[^/]+$/, /^\/bookings(\/|$)/];

function isWrite(req: Request): boolean {
  return !READ_METHODS.has(req.method);
}

function isBookingWrite(req: Request): boolean {
  if (!isWrite(req)) return false;
  const key = routeKey(req.originalUrl);
  return WRITE_ROUTES.some((route) => route.test(key));
}

function isSignIn(req: Request): boolean {
  return isWrite(req) && SIGN_IN_ROUTES.has(routeKey(req.originalUrl));
}

const SLOW_DOWN_PAGE = refusalPage({
  title: 'Too many requests',
  heading: 'Please slow down',
  text:
    'We received more requests from your address than we accept in a minute. Nothing was ' +
    'changed. Please wait a minute and try again.',
});

export interface RateLimitOptions {
  /** Booking writes and sign-in attempts per client address and window; 0 turns them off. */
  writesPerMinute: number;
  /** All other requests per client address and window; 0 turns the limit off. */
  requestsPerMinute: number;
  windowMs?: number;
  /** Counters shared by every instance on this Redis; without it each instance counts alone. */
  redis?: RedisClient;
  logger: Logger;
}

/**
 * Per-address rate limits, placed after the health probes and static files (never limited) and
 * before load shedding, so a flood is turned away before it takes a place meant for others.
 * Every request counts towards the general limit; booking writes and sign-in attempts also
 * count towards their own, much smaller one.
 */
export function rateLimits({
  writesPerMinute,
  requestsPerMinute,
  windowMs = RATE_LIMIT_WINDOW_MS,
  redis,
  logger,
}: RateLimitOptions) {
  const limiter = (name: string, limit: number, skip?: (req: Request) => boolean) =>
    rateLimit({
      windowMs,
      limit,
      skip,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      store: redis && redisStore(redis, name),
      // A Redis outage must not refuse everyone: requests go through uncounted meanwhile.
      passOnStoreError: true,
      logger,
      handler: (req, res) => sendRefusal(req, res, new RateLimitedError(), SLOW_DOWN_PAGE),
    });

  const router = express.Router();
  if (writesPerMinute > 0) {
    router.use(limiter('writes', writesPerMinute, (req) => !isBookingWrite(req)));
    router.use(limiter('sign-in', writesPerMinute, (req) => !isSignIn(req)));
  }
  if (requestsPerMinute > 0) router.use(limiter('requests', requestsPerMinute));
  return router;
}

function redisStore(redis: RedisClient, name: string) {
  return new RedisStore({
    prefix: `expert-booking:rate-limit:${name}:`,
    // Fail at once while disconnected rather than wait in the client's offline queue.
    sendCommand: (...args: string[]) =>
      redis.isReady
        ? (redis.sendCommand(args) as Promise<RedisReply>)
        : Promise.reject(new Error('Redis is not connected')),
  });
}

/** The Redis connection the limits count on, so that every instance sees the same counts. */
export async function connectRateLimitRedis(redisUrl: string, logger: Logger) {
  const client = createRedisClient(redisUrl, logger, 'rate limits');
  await connectRedisClients(redisUrl, [client]);
  return {
    client,
    async close() {
      if (client.isOpen) await client.close();
    },
  };
}
