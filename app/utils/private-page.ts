import type { HeadersFunction } from '@remix-run/node';

/**
 * For answers that show someone's bookings: neither a shared cache (a proxy, a CDN) nor the
 * browser's disk may keep them, as the address alone would then give them to the next person.
 */
export const PRIVATE_PAGE_HEADERS = { 'Cache-Control': 'private, no-store' };

/** A page's headers are its loader's: how private the page is follows from what it loaded. */
export const loaderHeadersOnly: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

/**
 * For pages private whatever their route did, failures included: the console's error pages
 * still show who is signed in, and its forms carry the session's token.
 */
export const alwaysPrivate: HeadersFunction = ({ loaderHeaders, errorHeaders }) => {
  const headers = new Headers(errorHeaders ?? loaderHeaders);
  headers.set('Cache-Control', PRIVATE_PAGE_HEADERS['Cache-Control']);
  return headers;
};
