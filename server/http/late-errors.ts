import type { ErrorRequestHandler } from 'express';

/**
 * The last word on an error raised after its request was already answered: the deadline sent
 * its 503 while the page went on, and the page's own answer came too late to be sent (a form
 * whose body arrived after the deadline). The client has its answer, so nothing is sent: the
 * error is logged once, with the request's id, where Express would print its stack.
 */
export function lateErrors(): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (!res.headersSent) {
      next(error);
      return;
    }
    req.log.warn({ err: error }, 'a page answered after its request was already answered');
  };
}
