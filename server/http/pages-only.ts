import type { RequestHandler } from 'express';

/** What `app.use('/api', …)` takes for the API: Express matches mount paths ignoring case. */
const API_MOUNT = /^\/api\/?(?=\/|$)/i;

/** Runs `handler` for the pages only; the API router has its own rules for the same things. */
export function pagesOnly(handler: RequestHandler): RequestHandler {
  return (req, res, next) => {
    if (API_MOUNT.test(req.path)) next();
    else handler(req, res, next);
  };
}
