import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh token for a new session: 32 random bytes, URL-safe. */
export function newCsrfToken(): string {
  return randomBytes(32).toString('base64url');
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * Compares a submitted token with the session's in constant time. Both are hashed first, so the
 * comparison also takes the same time whatever the submitted value's length.
 */
export function csrfTokensMatch(expected: string | undefined, submitted: unknown): boolean {
  if (!expected || typeof submitted !== 'string' || submitted === '') return false;
  return timingSafeEqual(digest(expected), digest(submitted));
}
