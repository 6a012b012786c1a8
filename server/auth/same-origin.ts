/**
 * Whether a form post comes from a page of another site. Browsers send `Origin` on every POST;
 * `Origin: null` (a sandboxed frame, a privacy setting) proves nothing, so it counts as foreign.
 * Without `Origin`, `Sec-Fetch-Site` decides; a client sending neither is not a browser that
 * could be made to post on a person's behalf.
 */
export function isCrossSiteRequest(request: Request): boolean {
  const origin = request.headers.get('origin');
  if (origin !== null) {
    if (!URL.canParse(origin)) return true;
    return new URL(origin).host !== new URL(request.url).host;
  }
  const site = request.headers.get('sec-fetch-site');
  return site === 'cross-site' || site === 'same-site';
}
