/** Where people land after signing in when they came from nowhere in particular. */
export const DEFAULT_SIGNED_IN_PATH = '/console';

const ORIGIN = 'http://this.site';

/**
 * A return address from the query string or a form, kept only when it is a path of this site:
 * `/console?status=Pending` is, while `//evil.example`, `/\evil.example`, `https://…` and
 * `javascript:` are not, whatever the browser would make of them.
 */
export function safeRedirectPath(value: unknown, fallback = DEFAULT_SIGNED_IN_PATH): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//')) {
    return fallback;
  }
  // Browsers read a backslash as a slash and drop tabs and newlines from URLs.
  if (/[\\\s]/.test(value)) return fallback;
  if (!URL.canParse(value, ORIGIN)) return fallback;
  const url = new URL(value, ORIGIN);
  if (url.origin !== ORIGIN) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
