import type { Request, Response } from 'express';

import { toErrorResponse } from './error-response';
import { routeKey } from './route-key';

/** A small self-contained page for people whose request was turned away before Remix saw it. */
export function refusalPage({
  title,
  heading,
  text,
  link = { href: '', label: 'Try again' },
}: {
  title: string;
  heading: string;
  text: string;
  /** Where to go from here: the same address again, unless asking again cannot help. */
  link?: { href: string; label: string };
}) {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Expert Booking</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem">
<h1>${heading}</h1>
<p>${text}</p>
<p><a href="${link.href}">${link.label}</a></p>
</body>
</html>
`;
}

/**
 * Answers a request refused as a whole (overload, rate limit, an address that is not one): the
 * usual JSON error for the API and for clients that do not take HTML, the friendly page for a
 * person's browser. `error` is one `toErrorResponse` knows how to answer.
 */
export function sendRefusal(req: Request, res: Response, error: unknown, page: string) {
  const { status, body, headers } = toErrorResponse(error);
  if (headers) res.set(headers);
  // originalUrl: inside a router (the deadline may strike there) `path` lacks the mount point;
  // routeKey: `/API/Bookings` reaches the API, so its refusal is the API's JSON too.
  const path = routeKey(req.originalUrl);
  if (path === '/api' || path.startsWith('/api/') || !req.accepts('html')) {
    res.status(status).json(body);
  } else {
    res.status(status).type('html').send(page);
  }
}
