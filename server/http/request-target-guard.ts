import type { Request, RequestHandler } from 'express';

/** A host name, an IPv4 address or a bracketed IPv6 address, with an optional port. */
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?$/;

function validHost(value: string | undefined): boolean {
  if (value === undefined) return true;
  const match = HOST.exec(value);
  return match !== null && (match[1] === undefined || Number(match[1]) <= 65_535);
}

/** Whether the page address Remix builds from the target and the host would be what was asked. */
function isPathAndHost(req: Request): boolean {
  return (
    req.url.startsWith('/') &&
    validHost(req.headers.host) &&
    // Remix reads a port from X-Forwarded-Host whether or not the proxy is trusted.
    validHost(req.get('x-forwarded-host'))
  );
}

/**
 * Refuses a request whose target is not a path (the absolute form `GET http://host/experts`,
 * which only proxies should receive, and the asterisk form `OPTIONS *`) or whose Host is not a
 * host. Remix builds the page's URL from the two: it threw on these (a 500 and a stack trace for
 * anyone who sent one), and a Host holding a path (`Host: h/experts/…?`) made the page another
 * than the one the rate limits and the log saw.
 */
export function requestTargetGuard(): RequestHandler {
  return (req, res, next) => {
    if (isPathAndHost(req)) {
      next();
      return;
    }
    res
      .status(400)
      .type('text/plain')
      .send('The request target must be a path, like /experts, and the Host a host name.\n');
  };
}
