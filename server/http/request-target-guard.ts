import type { Request, RequestHandler } from 'express';

import { HttpError, toErrorResponse } from './error-response';

/** A host name, an IPv4 address or a bracketed IPv6 address, with an optional port. */
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?$/;

function validHost(value: string | undefined): boolean {
  if (value === undefined) return true;
  const match = HOST.exec(value);
  return (
    match !== null &&
    (match[1] === undefined || Number(match[1]) <= 65_535) &&
    // The brackets may hold what is no IPv6 address (`[1]`, `[::1::]`): the URL parser decides.
    URL.canParse(`http://${value}`)
  );
}

function hostLines(rawHeaders: string[]): number {
  let lines = 0;
  for (let index = 0; index < rawHeaders.length; index += 2) {
    if (rawHeaders[index]!.toLowerCase() === 'host') lines += 1;
  }
  return lines;
}

/** Whether the page address Remix builds from the target and the host would be what was asked. */
function isPathAndHost(req: Request): boolean {
  return (
    req.url.startsWith('/') &&
    // HTTP/1.1 requires one Host (RFC 9112 §3.2); HTTP/1.0 clients may leave it out. Node keeps
    // the first of two, which a proxy before it may have read otherwise.
    (req.headers.host !== undefined || req.httpVersion === '1.0') &&
    hostLines(req.rawHeaders) <= 1 &&
    validHost(req.headers.host) &&
    // Remix reads a port from X-Forwarded-Host whether or not the proxy is trusted.
    validHost(req.get('x-forwarded-host'))
  );
}

/**
 * Refuses a request whose target is not a path (the absolute form `GET http://host/experts`,
 * which only proxies should receive, and the asterisk form `OPTIONS *`) or whose Host is missing
 * or not a host. Remix builds the page's URL from the two: it threw on these (a 500 and a stack
 * trace for anyone who sent one), and a Host holding a path (`Host: h/experts/…?`) made the page
 * another than the one the rate limits and the log saw. The answer is the API's JSON error, as
 * for the other requests refused before any route (client-errors.ts): no page can be told apart
 * from the API here, and nothing of the request is echoed.
 */
export function requestTargetGuard(): RequestHandler {
  return (req, res, next) => {
    if (isPathAndHost(req)) {
      next();
      return;
    }
    const { status, body } = toErrorResponse(
      new HttpError(
        'BAD_REQUEST',
        'The request target must be a path, like /experts, and the Host a host name.',
      ),
    );
    res.status(status).json(body);
  };
}
