import type { NextFunction, Request, Response } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';

import { OverloadedError, RateLimitedError, ServiceUnavailableError } from '../errors';
import { whenBodyArrived } from './body-arrival';
import { UNFINISHED_MESSAGE } from './client-errors';
import { HttpError } from './error-response';
import { refusalPage, sendRefusal } from './refusal';
import { runWithDeadline } from './request-deadline';

/**
 * An IPv6 client holds a whole network of addresses, so it is counted by its prefix: the /56 that
 * express-rate-limit uses by default, and so the rate limits.
 */
const IPV6_CLIENT_PREFIX = 56;

const BUSY_PAGE = refusalPage({
  title: 'Busy right now',
  heading: 'We are busy right now',
  text:
    'Too many people are using Expert Booking at this moment. Nothing was changed. ' +
    'Please try again in a few seconds.',
});

const TOO_MANY_PAGE = refusalPage({
  title: 'Too many requests',
  heading: 'Too many requests at once',
  text:
    'Your address has many requests in progress with us right now. Nothing was changed. ' +
    'Please try again in a few seconds.',
});

const TIMED_OUT_PAGE = refusalPage({
  title: 'Taking too long',
  heading: 'This is taking too long',
  text:
    'We could not finish your request in time. If you were booking, the booking may have been ' +
    'made all the same: look it up under your email before you book again.',
});

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A change that ran out of time may still be made: the database may have done it just as the
 * deadline struck. A program is told how to find out rather than to simply try again.
 */
const MAY_HAVE_BEEN_DONE =
  'The server could not answer in time, and what you asked may have been done all the same. ' +
  'Look before you send it again: a booking sent again with the same Idempotency-Key is ' +
  'answered with the booking it made, if it made one.';

/** For a request whose body had not all arrived: nothing was done with it, so nothing was made. */
const UNFINISHED_PAGE = refusalPage({
  title: 'Taking too long',
  heading: 'Your form did not arrive in time',
  text:
    'Not all of what you sent reached us in time, so nothing was booked or changed. Please ' +
    'send it again.',
});

/**
 * Admission control in front of everything that may wait on the database (the API and the
 * pages; static files are served before it). At most `maxPending` requests are in progress;
 * one more is answered 503 with `Retry-After` at once, because queueing it would only make every
 * answer late. A request takes its place only once its body has all arrived (body-arrival.ts),
 * so a stranger sending bodies a byte at a time holds no place that others need. One client
 * address (`req.ip`, as TRUST_PROXY says) has at most `maxPerClient` requests (0: no such limit)
 * from their headers to their answer, bodies still arriving included; its next is answered 429.
 * Each request gets a deadline (`timeoutMs`, from its headers) and an abort signal fired if its
 * client leaves, which its queries obey (see request-deadline.ts). A request still without an
 * answer at its deadline is answered 503 then: an operation the database accepted and never
 * answered (seen once in a few crashes of FerretDB) must not hold its client for good. One whose
 * body is still arriving is answered 408 instead, since nothing can have been done with it.
 */
export function admission({
  maxPending,
  maxPerClient,
  timeoutMs,
}: {
  maxPending: number;
  maxPerClient: number;
  timeoutMs: number;
}) {
  let pending = 0;
  const pendingOf = new Map<string, number>();
  return function admit(req: Request, res: Response, next: NextFunction) {
    const client = ipKeyGenerator(req.ip ?? '', IPV6_CLIENT_PREFIX);
    const own = pendingOf.get(client) ?? 0;
    if (maxPerClient > 0 && own >= maxPerClient) {
      res.set('Retry-After', '1');
      sendRefusal(req, res, new RateLimitedError(), TOO_MANY_PAGE);
      return;
    }
    pendingOf.set(client, own + 1);
    const expiresAt = Date.now() + timeoutMs;
    const controller = new AbortController();
    let holdsPlace = false;
    const cutOff = setTimeout(() => {
      if (res.headersSent) return;
      if (req.complete) {
        const error = SAFE_METHODS.has(req.method)
          ? new ServiceUnavailableError()
          : new ServiceUnavailableError(MAY_HAVE_BEEN_DONE);
        sendRefusal(req, res, error, TIMED_OUT_PAGE);
        return;
      }
      // Its connection closes with the answer (close-unfinished.ts).
      sendRefusal(req, res, new HttpError('REQUEST_TIMEOUT', UNFINISHED_MESSAGE), UNFINISHED_PAGE);
    }, timeoutMs);
    // 'close' comes once: after the answer was sent, or when the connection went first.
    res.once('close', () => {
      clearTimeout(cutOff);
      if (holdsPlace) pending -= 1;
      const left = (pendingOf.get(client) ?? 1) - 1;
      if (left > 0) pendingOf.set(client, left);
      else pendingOf.delete(client);
      if (!res.writableFinished) controller.abort();
    });
    whenBodyArrived(req, () => {
      // Answered meanwhile (the deadline struck while the body arrived) or the client left.
      if (res.headersSent || res.destroyed) return;
      if (pending >= maxPending) {
        sendRefusal(req, res, new OverloadedError(), BUSY_PAGE);
        return;
      }
      pending += 1;
      holdsPlace = true;
      runWithDeadline({ signal: controller.signal, expiresAt }, next);
    });
  };
}
