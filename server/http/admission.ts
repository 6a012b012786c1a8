import type { NextFunction, Request, Response } from 'express';

import { OverloadedError } from '../errors';
import { toErrorResponse } from './error-response';
import { runWithDeadline } from './request-deadline';

const BUSY_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Busy right now · Expert Booking</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem">
<h1>We are busy right now</h1>
<p>Too many people are using Expert Booking at this moment. Nothing was changed.
Please try again in a few seconds.</p>
<p><a href="">Try again</a></p>
</body>
</html>
`;

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
      const { status, body, headers } = toErrorResponse(new OverloadedError());
      res.set(headers);
      if (req.path === '/api' || req.path.startsWith('/api/') || !req.accepts('html')) {
        res.status(status).json(body);
      } else {
        res.status(status).type('html').send(BUSY_PAGE);
      }
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
