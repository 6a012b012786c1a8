import { redirect } from '@remix-run/node';

import { FORM_EXPIRED } from '../../shared/form-expired';
import type { Role, SessionUser } from '../../shared/schemas/user';
import type { AccountsService } from '../services/accounts';
import type { Clock } from '../services/clock';
import { csrfTokensMatch, newCsrfToken } from './csrf';
import { isCrossSiteRequest } from './same-origin';
import {
  createSessionStorage,
  SESSION_COOKIE_NAME,
  SESSION_MAX_AGE_SECONDS,
  type SessionStorage,
} from './session-storage';

/** Whatever failed (unknown email, wrong password, deleted profile), the answer reads the same. */
export const SIGN_IN_FAILED = 'Email or password is not right.';

export function tooManyAttempts(minutes: number): string {
  return `Too many attempts, try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`;
}

export type SignInOutcome =
  | { ok: true; user: SessionUser; setCookie: string }
  /**
   * `retryAfterSeconds`: refused unchecked, over a sign-in limit (an HTTP 429 for the page, with
   * this wait as its Retry-After).
   */
  | { ok: false; errors: string[]; retryAfterSeconds?: number };

/** A sign-in link that is unknown, used or expired: all read the same. */
export const SIGN_IN_LINK_INVALID =
  'This sign-in link does not work any more: it was used, or it expired. Ask for a new one.';

/** Told the user id of an account whose sessions just ended (signing out). */
export type SessionsEndedListener = (userId: string) => void;

/** What routes reach through `context.auth`: the signed-in user and the forms' guards. */
export interface RequestAuth {
  getUser(request: Request): Promise<SessionUser | null>;
  /**
   * The signed-in user, or a redirect to `/login` with this address to come back to (no valid
   * session), or a 403 Response (signed in, but not with `role`).
   */
  requireUser(request: Request, options?: { role?: Role }): Promise<SessionUser>;
  /** Throws a 403 Response unless the form's `csrf` field is this session's token. */
  requireCsrf(request: Request, formData: FormData): Promise<void>;
  /** This session's CSRF token, for the forms of the page (empty when signed out). */
  getCsrfToken(request: Request): Promise<string>;
  /** Checks the credentials; on success, a brand-new session cookie to set. */
  signIn(
    request: Request,
    credentials: { email: string; password: string },
  ): Promise<SignInOutcome>;
  /** E-mails a one-time sign-in link to the account of `email`, if there is one. */
  sendSignInLink(request: Request, email: string): Promise<void>;
  /** Signs in with an e-mailed link's token, once; on success, a brand-new session cookie. */
  signInWithLink(request: Request, token: string): Promise<SignInOutcome>;
  /** Ends the account's sessions; returns the `Set-Cookie` value that clears the cookie. */
  signOut(request: Request): Promise<string>;
}

export interface AuthService {
  /** The load context's `auth` for one request, counting sign-in failures against `ip`. */
  forClient(ip: string): RequestAuth;
  /** The user a `Cookie` header signs in (the Socket.io handshake), with the pages' checks. */
  readSessionUser(cookieHeader: string | undefined | null): Promise<SessionUser | null>;
  /** Calls `listener` when an account signs out here (live connections end with it). */
  onSessionsEnded(listener: SessionsEndedListener): () => void;
}

function forbidden(): Response {
  return new Response('You do not have access to this page.', {
    status: 403,
    statusText: 'Forbidden',
  });
}

/** Where to come back to after signing in: this address, without Remix's data parameter. */
function returnAddress(request: Request): string {
  const url = new URL(request.url);
  url.searchParams.delete('_data');
  return `${url.pathname}${url.search}`;
}

export function createAuth({
  secret,
  secure,
  accounts,
  clock = () => new Date(),
}: {
  secret: string;
  secure: boolean;
  accounts: Pick<
    AccountsService,
    'findSessionUser' | 'signIn' | 'endSessions' | 'sendSignInLink' | 'signInWithLink'
  >;
  clock?: Clock;
}): AuthService {
  const storage: SessionStorage = createSessionStorage({ secret, secure });
  // Layout and page loaders of one request ask for the user in turn: read it once.
  const usersOfRequests = new WeakMap<Request, Promise<SessionUser | null>>();

  async function readSessionUser(cookieHeader: string | undefined | null) {
    const session = await storage.getSession(cookieHeader);
    const userId = session.get('userId');
    const signedInAt = session.get('signedInAt');
    if (!userId || !session.get('csrf') || typeof signedInAt !== 'number') return null;
    if (clock().getTime() - signedInAt > SESSION_MAX_AGE_SECONDS * 1000) return null;
    return accounts.findSessionUser(userId, new Date(signedInAt));
  }

  function getUser(request: Request): Promise<SessionUser | null> {
    let user = usersOfRequests.get(request);
    if (!user) {
      user = readSessionUser(request.headers.get('Cookie'));
      usersOfRequests.set(request, user);
    }
    return user;
  }

  async function sessionOf(request: Request) {
    return storage.getSession(request.headers.get('Cookie'));
  }

  // A new session, never the one the request came with: whatever token a visitor was handed
  // before signing in (session fixation) is worth nothing after.
  async function newSession(user: SessionUser): Promise<SignInOutcome> {
    const session = await storage.getSession();
    session.set('userId', user.id);
    session.set('csrf', newCsrfToken());
    session.set('signedInAt', clock().getTime());
    return { ok: true, user, setCookie: await storage.commitSession(session) };
  }

  const sessionsEnded = new Set<SessionsEndedListener>();

  function forClient(ip: string): RequestAuth {
    return {
      getUser,

      async requireUser(request, { role } = {}) {
        const user = await getUser(request);
        if (!user) {
          const to = `/login?redirectTo=${encodeURIComponent(returnAddress(request))}`;
          // A cookie that no longer signs anyone in (account deleted, too old) is cleared.
          const stale = request.headers.get('Cookie')?.includes(`${SESSION_COOKIE_NAME}=`);
          throw redirect(
            to,
            stale
              ? {
                  headers: { 'Set-Cookie': await storage.destroySession(await sessionOf(request)) },
                }
              : undefined,
          );
        }
        if (role && user.role !== role) throw forbidden();
        return user;
      },

      async requireCsrf(request, formData) {
        const session = await sessionOf(request);
        if (!csrfTokensMatch(session.get('csrf'), formData.get('csrf'))) {
          throw new Response(FORM_EXPIRED, { status: 403, statusText: 'Forbidden' });
        }
      },

      async getCsrfToken(request) {
        return (await sessionOf(request)).get('csrf') ?? '';
      },

      async signIn(request, { email, password }) {
        // A page of another site must not sign a visitor in to an account of its choosing.
        if (isCrossSiteRequest(request)) throw forbidden();
        const result = await accounts.signIn({ email, password, ip });
        if (!result.ok && result.reason === 'limited') {
          const errors = [SIGN_IN_FAILED, tooManyAttempts(result.retryAfterMinutes)];
          return { ok: false, errors, retryAfterSeconds: result.retryAfterMinutes * 60 };
        }
        if (!result.ok) return { ok: false, errors: [SIGN_IN_FAILED] };
        return newSession(result.user);
      },

      async sendSignInLink(request, email) {
        // Another site must not fill a stranger's mailbox through a visitor's browser.
        if (isCrossSiteRequest(request)) throw forbidden();
        await accounts.sendSignInLink({ email });
      },

      async signInWithLink(request, token) {
        // Nor sign a visitor in to an account of its choosing with a link of its own.
        if (isCrossSiteRequest(request)) throw forbidden();
        const user = await accounts.signInWithLink(token);
        if (!user) return { ok: false, errors: [SIGN_IN_LINK_INVALID] };
        return newSession(user);
      },

      async signOut(request) {
        const session = await sessionOf(request);
        const userId = session.get('userId');
        // The browser forgets the cookie; a copy of it kept elsewhere must stop working too.
        if (userId) {
          await accounts.endSessions(userId);
          for (const listener of sessionsEnded) listener(userId);
        }
        return storage.destroySession(session);
      },
    };
  }

  return {
    forClient,
    readSessionUser,
    onSessionsEnded(listener) {
      sessionsEnded.add(listener);
      return () => sessionsEnded.delete(listener);
    },
  };
}
