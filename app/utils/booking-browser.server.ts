import { createCookie } from '@remix-run/node';

/**
 * The my-bookings page's memory of this browser: a random token (the bookings service keeps
 * only its hash, with what the browser proved). No expiry of its own, so it ends with the
 * browser session; the service forgets its proofs after a few hours in any case. Unsigned on
 * purpose: the value is 192 random bits, and a guessed or altered one matches nothing.
 */
const browserCookie = createCookie('eb_bookings', {
  httpOnly: true,
  sameSite: 'lax',
  path: '/',
});

const TOKEN = /^[A-Za-z0-9_-]{32}$/;

/** This browser's token, if it has one. */
export async function readBrowserToken(request: Request): Promise<string | undefined> {
  const value: unknown = await browserCookie.parse(request.headers.get('Cookie'));
  return typeof value === 'string' && TOKEN.test(value) ? value : undefined;
}

/**
 * The `Set-Cookie` header that gives the browser `token`, or none when it already has it.
 * Secure whenever the page was asked for over HTTPS (behind a proxy: as TRUST_PROXY reads it).
 */
export async function browserCookieHeaders(
  request: Request,
  token: string,
): Promise<Record<string, string>> {
  if ((await readBrowserToken(request)) === token) return {};
  const secure = new URL(request.url).protocol === 'https:';
  return { 'Set-Cookie': await browserCookie.serialize(token, { secure }) };
}
