import { createHash, timingSafeEqual } from 'node:crypto';

import type { Request, RequestHandler } from 'express';

import { ForbiddenError, UnauthorizedError } from '../errors';
import type { BookingAccess } from '../services/bookings';

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function bearerToken(req: Request): string | undefined {
  return /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '')?.[1];
}

function isAdminToken(token: string, adminToken: string | undefined): boolean {
  return adminToken !== undefined && timingSafeEqual(digest(token), digest(adminToken));
}

/** Guards admin calls with `Authorization: Bearer <ADMIN_TOKEN>`, compared in constant time. */
export function requireAdminToken(adminToken: string | undefined): RequestHandler {
  return (req, _res, next) => {
    const token = bearerToken(req);
    if (!token) return next(new UnauthorizedError());
    if (!adminToken) {
      return next(new ForbiddenError('Admin calls are disabled: no ADMIN_TOKEN is configured.'));
    }
    if (!isAdminToken(token, adminToken)) {
      return next(new ForbiddenError('That admin token is not valid.'));
    }
    next();
  };
}

/**
 * Who calls a booking's own endpoints: the admin token makes an admin; any other bearer token is
 * taken as the booking's manage token, which the bookings service checks against the booking.
 */
export function requireBookingAccess(req: Request, adminToken: string | undefined): BookingAccess {
  const token = bearerToken(req);
  if (!token) {
    throw new UnauthorizedError(
      "This call needs the booking's manage token (or an admin token): send the header " +
        'Authorization: Bearer <token>.',
    );
  }
  return isAdminToken(token, adminToken) ? { by: 'admin' } : { by: 'client', token };
}
