import type { RequestHandler, Response } from 'express';

import { hasBody } from './body-arrival';

/**
 * Closes the connection after any answer sent before its request's body all arrived (a refusal
 * by headers, a deadline). Kept alive, the connection would go on taking in the rest of that body
 * until the server's own request timeout, and then answer it a second time (408), which a client
 * reads as the answer to its next request.
 */
export function closeUnfinished(): RequestHandler {
  return (req, res, next) => {
    const writeHead = res.writeHead;
    res.writeHead = function (this: Response, ...args: Parameters<Response['writeHead']>) {
      if (hasBody(req) && !req.complete) this.setHeader('Connection', 'close');
      return writeHead.apply(this, args);
    } as Response['writeHead'];
    next();
  };
}
