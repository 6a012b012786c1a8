import { createHash, timingSafeEqual } from 'node:crypto';

import type { Request, RequestHandler } from 'express';

import type { SessionUser } from '../../app/schemas/user';
import { isCrossSite } from '../auth/same-origin';
import { ForbiddenError, UnauthorizedError } from '../errors';
import { ADMIN_ACTOR, type Actor } from '../services/actor';
import type { BookingAccess, ListAccess } from '../services/bookings';

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

export type ReadSessionUser = (cookieHeader: string | undefined) => Promise<SessionUser | null>;

/**
 * Who may change an expert's own things (their availability): a program with the admin token,
 * or a person signed in to the console, whose session cookie makes them the actor (an expert
 * then reaches only their own profile; the services check). A cookie is sent by the browser on
 * its own, so a session is accepted only from this site's pages, never from another site's.
 * The actor is left in `res.locals.actor`.
 */
export function requireActor(
  adminToken: string | undefined,
  readSessionUser: ReadSessionUser,
): RequestHandler {
  const adminOnly = requireAdminToken(adminToken);
  return (req, res, next) => {
    if (!bearerToken(req) && !req.get('cookie')) {
      return next(
        new UnauthorizedError(
          'This call needs an admin token (Authorization: Bearer <token>) or a console session.',
        ),
      );
    }
    if (bearerToken(req)) {
      return adminOnly(req, res, (error?: unknown) => {
        if (error === undefined) res.locals.actor = ADMIN_ACTOR satisfies Actor;
        next(error);
      });
    }
    const crossSite = isCrossSite({
      origin: req.get('origin'),
      secFetchSite: req.get('sec-fetch-site'),
      host: req.get('host') ?? '',
    });
    if (crossSite) return next(new ForbiddenError('Signed-in changes come only from this site.'));
    readSessionUser(req.get('cookie')).then((user) => {
      if (!user)
        return next(new UnauthorizedError('Your console session has ended: sign in again.'));
      res.locals.actor = user satisfies Actor;
      next();
    }, next);
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

/**
 * Who asks for an address's bookings: an admin with the admin token; any other bearer token is
 * checked by the bookings service against the address's bookings; no token at all proves nothing.
 */
export function listAccess(req: Request, adminToken: string | undefined): ListAccess {
  const token = bearerToken(req);
  if (!token) return { by: 'anyone' };
  return isAdminToken(token, adminToken) ? { by: 'admin' } : { by: 'client', token };
}
