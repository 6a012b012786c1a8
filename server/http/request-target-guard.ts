import type { RequestHandler } from 'express';

/**
 * Refuses a request whose target is not a path: the absolute form (`GET http://host/experts`,
 * which only proxies should receive) and the asterisk form (`OPTIONS *`). Remix builds the page's
 * URL from the target and throws on these (a 500 and a stack trace for anyone who sends one).
 */
export function requestTargetGuard(): RequestHandler {
  return (req, res, next) => {
    if (req.url.startsWith('/')) {
      next();
      return;
    }
    res.status(400).type('text/plain').send('The request target must be a path, like /experts.\n');
  };
}
