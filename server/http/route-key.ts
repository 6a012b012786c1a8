/**
 * The path as the routers see it, in one spelling. Express matches case-insensitively, ignores a
 * trailing slash and takes `/api//bookings` for `/api/bookings`; Remix's request URL resolves
 * dot segments (`/x/../bookings`, `/%2e%2e/bookings`, backslashes as slashes), and its router
 * decodes each segment (`/%62ookings`) and ignores case and trailing slashes. So: resolved,
 * decoded, lower-cased, without empty segments. It may unite spellings no router takes for the
 * same route (`//bookings`); counting those too costs nothing.
 */
export function routeKey(url: string): string {
  // Built as Remix builds its request's URL, so `//bookings` stays a path, not a host.
  const href = `http://route.key${url}`;
  const pathname = URL.canParse(href) ? new URL(href).pathname : url.split('?')[0]!;
  const segments = pathname
    .split('/')
    .map((segment) => decodeSegment(segment).toLowerCase())
    .filter((segment) => segment !== '');
  return `/${segments.join('/')}`;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    // Remix matches a segment it cannot decode as it stands.
    return segment;
  }
}
