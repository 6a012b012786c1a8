import { createCookieSessionStorage } from '@remix-run/node';

export const SESSION_COOKIE_NAME = 'eb_session';

/** A working day and then some: long enough not to interrupt a shift, short for a lost laptop. */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/**
 * All the cookie holds: who signed in, when, and this session's CSRF token. Nothing personal,
 * and the user is read again on every request, so a deleted account is signed out at once.
 */
export interface SessionData {
  userId: string;
  csrf: string;
  /** Milliseconds since the epoch; a copied cookie stops working after the maximum age too. */
  signedInAt: number;
}

export type SessionStorage = ReturnType<typeof createSessionStorage>;

/** The signed session cookie: HttpOnly, SameSite=Lax, Secure in production, for the whole site. */
export function createSessionStorage({ secret, secure }: { secret: string; secure: boolean }) {
  return createCookieSessionStorage<SessionData>({
    cookie: {
      name: SESSION_COOKIE_NAME,
      httpOnly: true,
      sameSite: 'lax',
      secure,
      path: '/',
      maxAge: SESSION_MAX_AGE_SECONDS,
      secrets: [secret],
    },
  });
}
