import { createHash, timingSafeEqual } from 'node:crypto';

import type { Request } from 'express';

import type { SessionUser } from '../../shared/schemas/user';
import { isCrossSite } from '../auth/same-origin';
import { ForbiddenError, UnauthorizedError } from '../errors';
import { ADMIN_ACTOR, type Actor } from '../services/actor';
import type { BookingAccess, ListAccess } from '../services/bookings';
import type { ErrorStatus } from './error-statuses';

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function bearerToken(req: Request): string | undefined {
  return /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '')?.[1];
}

function isAdminToken(token: string, adminToken: string | undefined): boolean {
  return adminToken !== undefined && timingSafeEqual(digest(token), digest(adminToken));
}

export type ReadSessionUser = (cookieHeader: string | undefined) => Promise<SessionUser | null>;

/** What a caller's identification needs from the app. */
export interface CallerDeps {
  adminToken: string | undefined;
  /** The console's signed-in user, for the calls a person may also make from their session. */
  readSessionUser: ReadSessionUser;
}

/** One way of calling the API: who may, how the OpenAPI document names it, what it refuses with. */
export interface Caller<Who> {
  /** The OpenAPI security requirement; none for a call anyone may make. */
  security?: Record<string, string[]>[];
  /** The statuses a refused caller gets. */
  statuses: ErrorStatus[];
  /**
   * Whether the caller is identified before the request body is read, so the body of a refused
   * caller is never parsed; otherwise a malformed body is refused first.
   */
  beforeBody: boolean;
  /** Who calls, or a thrown 401/403. */
  identify(req: Request, deps: CallerDeps): Who | Promise<Who>;
}

const ADMIN: Record<string, string[]>[] = [{ adminToken: [] }];
const BOOKING_OWNER: Record<string, string[]>[] = [{ manageToken: [] }, { adminToken: [] }];
const ADMIN_OR_CONSOLE: Record<string, string[]>[] = [{ adminToken: [] }, { consoleSession: [] }];

/** `Authorization: Bearer <ADMIN_TOKEN>`, compared in constant time. */
function requireAdmin(req: Request, adminToken: string | undefined): { by: 'admin' } {
  const token = bearerToken(req);
  if (!token) throw new UnauthorizedError();
  if (!adminToken) {
    throw new ForbiddenError('Admin calls are disabled: no ADMIN_TOKEN is configured.');
  }
  if (!isAdminToken(token, adminToken)) throw new ForbiddenError('That admin token is not valid.');
  return { by: 'admin' };
}

/** Anyone: the call's rules alone decide. */
const anyone: Caller<undefined> = {
  statuses: [],
  beforeBody: false,
  identify: () => undefined,
};

/** A program with the admin token. */
const admin: Caller<BookingAccess> = {
  security: ADMIN,
  statuses: [401, 403],
  beforeBody: true,
  identify: (req, { adminToken }) => requireAdmin(req, adminToken),
};

/**
 * Who may change an expert's own things (their availability): a program with the admin token,
 * or a person signed in to the console, whose session cookie makes them the actor (an expert
 * then reaches only their own profile; the services check). A cookie is sent by the browser on
 * its own, so a session is accepted only from this site's pages, never from another site's.
 */
const adminOrConsole: Caller<Actor> = {
  security: ADMIN_OR_CONSOLE,
  statuses: [401, 403],
  beforeBody: true,
  async identify(req, { adminToken, readSessionUser }) {
    if (bearerToken(req)) {
      requireAdmin(req, adminToken);
      return ADMIN_ACTOR;
    }
    if (!req.get('cookie')) {
      throw new UnauthorizedError(
        'This call needs an admin token (Authorization: Bearer <token>) or a console session.',
      );
    }
    const crossSite = isCrossSite({
      origin: req.get('origin'),
      secFetchSite: req.get('sec-fetch-site'),
      host: req.get('host') ?? '',
    });
    if (crossSite) throw new ForbiddenError('Signed-in changes come only from this site.');
    const user = await readSessionUser(req.get('cookie'));
    if (!user) throw new UnauthorizedError('Your console session has ended: sign in again.');
    return user;
  },
};

/**
 * Who calls a booking's own endpoints: the admin token makes an admin; any other bearer token is
 * taken as the booking's manage token, which the bookings service checks against the booking.
 */
const bookingOwner: Caller<BookingAccess> = {
  security: BOOKING_OWNER,
  statuses: [401, 403],
  beforeBody: false,
  identify(req, { adminToken }) {
    const token = bearerToken(req);
    if (!token) {
      throw new UnauthorizedError(
        "This call needs the booking's manage token (or an admin token): send the header " +
          'Authorization: Bearer <token>.',
      );
    }
    return isAdminToken(token, adminToken) ? { by: 'admin' } : { by: 'client', token };
  },
};

/**
 * Who asks for an address's bookings: an admin with the admin token; any other bearer token is
 * checked by the bookings service against the address's bookings; no token at all proves nothing
 * (the service then answers 401 whatever the address).
 */
const addressOwner: Caller<ListAccess> = {
  security: BOOKING_OWNER,
  statuses: [401],
  beforeBody: false,
  identify(req, { adminToken }) {
    const token = bearerToken(req);
    if (!token) return { by: 'anyone' };
    return isAdminToken(token, adminToken) ? { by: 'admin' } : { by: 'client', token };
  },
};

export const CALLERS = { anyone, admin, adminOrConsole, bookingOwner, addressOwner };
