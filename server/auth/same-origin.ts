/**
 * Whether a form post comes from a page of another site. Browsers send `Origin` on every POST;
 * `Origin: null` (a sandboxed frame, a privacy setting) proves nothing, so it counts as foreign.
 * Without `Origin`, `Sec-Fetch-Site` decides; a client sending neither is not a browser that
 * could be made to post on a person's behalf.
 */
export function isCrossSiteRequest(request: Request): boolean {
  return isCrossSite({
    origin: request.headers.get('origin'),
    secFetchSite: request.headers.get('sec-fetch-site'),
    host: new URL(request.url).host,
  });
}

/** The same rule for a request known by its headers and the host it was sent to. */
export function isCrossSite({
  origin,
  secFetchSite,
  host,
}: {
  origin: string | null | undefined;
  secFetchSite: string | null | undefined;
  host: string;
}): boolean {
  if (origin !== null && origin !== undefined) {
    if (!URL.canParse(origin)) return true;
    return new URL(origin).host !== host;
  }
  return secFetchSite === 'cross-site' || secFetchSite === 'same-site';
}
