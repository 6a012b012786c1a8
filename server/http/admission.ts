import type { NextFunction, Request, Response } from 'express';

import { OverloadedError } from '../errors';
import { refusalPage, sendRefusal } from './refusal';
import { runWithDeadline } from './request-deadline';

const BUSY_PAGE = refusalPage({
  title: 'Busy right now',
  heading: 'We are busy right now',
  text:
    'Too many people are using Expert Booking at this moment. Nothing was changed. ' +
    'Please try again in a few seconds.',
});

/**
 * Admission control in front of everything that may wait on the database (the API and the
 * pages; static files are served before it). At most `maxPending` requests are in progress;
 * one more is answered 503 with `Retry-After` at once, because queueing it would only make every
 * answer late. Each admitted request gets a deadline (`timeoutMs`) and an abort signal fired if
 * its client leaves, which its queries obey (see request-deadline.ts).
 */
export function admission({ maxPending, timeoutMs }: { maxPending: number; timeoutMs: number }) {
  let pending = 0;
  return function admit(req: Request, res: Response, next: NextFunction) {
    if (pending >= maxPending) {
      sendRefusal(req, res, new OverloadedError(), BUSY_PAGE);
      return;
    }
    pending += 1;
    const controller = new AbortController();
    // 'close' comes once: after the answer was sent, or when the connection went first.
    res.once('close', () => {
      pending -= 1;
      if (!res.writableFinished) controller.abort();
    });
    runWithDeadline({ signal: controller.signal, expiresAt: Date.now() + timeoutMs }, next);
  };
}
