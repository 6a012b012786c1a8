import { createCookie } from '@remix-run/node';
import { IANAZone } from 'luxon';

import { DEFAULT_VIEWER_ZONE } from './time-zones';

/**
 * The viewer's time zone for pages rendered without JavaScript (with it, the browser's own zone
 * takes over after hydration). Chosen with the page's `tz` select, remembered in a cookie.
 */
const viewerZoneCookie = createCookie('tz', {
  path: '/',
  sameSite: 'lax',
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

// luxon checks a zone by building an Intl formatter, on every page a remembered zone comes with;
// there are a few hundred real zones, so the ones found real are remembered here. Intl also takes
// any mix of upper and lower case, hence a cap.
const realZones = new Set<string>();
const MAX_REMEMBERED_ZONES = 1000;

function validZone(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 64) return undefined;
  if (realZones.has(value)) return value;
  if (!IANAZone.isValidZone(value)) return undefined;
  if (realZones.size < MAX_REMEMBERED_ZONES) realZones.add(value);
  return value;
}

export interface ViewerZone {
  zone: string;
  /** Set when the request chose a zone: the cookie that remembers it. */
  setCookie?: string;
}

/** `?tz=` when it names a real zone (and remember it), else the cookie's, else UTC. */
export async function readViewerZone(request: Request): Promise<ViewerZone> {
  const chosen = validZone(new URL(request.url).searchParams.get('tz'));
  if (chosen) return { zone: chosen, setCookie: await viewerZoneCookie.serialize(chosen) };
  const remembered = validZone(await viewerZoneCookie.parse(request.headers.get('cookie')));
  return { zone: remembered ?? DEFAULT_VIEWER_ZONE };
}
