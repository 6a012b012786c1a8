import { createHash, timingSafeEqual } from 'node:crypto';

import type { RequestHandler } from 'express';

import { ForbiddenError, UnauthorizedError } from '../errors';

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Guards admin calls with `Authorization: Bearer <ADMIN_TOKEN>`, compared in constant time. */
export function requireAdminToken(adminToken: string | undefined): RequestHandler {
  return (req, _res, next) => {
    const match = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '');
    if (!match?.[1]) return next(new UnauthorizedError());
    if (!adminToken) {
      return next(new ForbiddenError('Admin calls are disabled: no ADMIN_TOKEN is configured.'));
    }
    if (!timingSafeEqual(digest(match[1]), digest(adminToken))) {
      return next(new ForbiddenError('That admin token is not valid.'));
    }
    next();
  };
}
