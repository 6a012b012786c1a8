/** Where people land after signing in when they came from nowhere in particular. */
export const DEFAULT_SIGNED_IN_PATH = '/console';

const ORIGIN = 'http://this.site';

/**
 * Browsers read a backslash as a slash and drop tabs and newlines from URLs, so none of them is
 * let through, nor any other control character.
 */
const UNSAFE_CHARACTER = /[\\\s\p{Cc}]/u;

/**
 * A return address from the query string or a form, kept only when it is a path of this site:
 * `/console?status=Pending` is, while `//evil.example`, `/\evil.example`, `/..//evil.example`,
 * `https://…` and `javascript:` are not, whatever the browser would make of them.
 */
export function safeRedirectPath(value: unknown, fallback = DEFAULT_SIGNED_IN_PATH): string {
  if (typeof value !== 'string' || !isSitePath(value)) return fallback;
  if (!URL.canParse(value, ORIGIN)) return fallback;
  const url = new URL(value, ORIGIN);
  if (url.origin !== ORIGIN) return fallback;
  // Normalising turns `/..//evil.example` into `//evil.example`: the result is checked again.
  const path = `${url.pathname}${url.search}${url.hash}`;
  return isSitePath(path) ? path : fallback;
}

/** One slash, then anything but a second slash or a backslash (which a browser reads as one). */
function isSitePath(value: string): boolean {
  return /^\/(?![/\\])/.test(value) && !UNSAFE_CHARACTER.test(value);
}
