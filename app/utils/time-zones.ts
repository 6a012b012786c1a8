/** The time zones a person can pick when the browser cannot say (JavaScript off). */

export const DEFAULT_VIEWER_ZONE = 'UTC';

export interface TimeZoneGroup {
  /** `Europe`, `America`, …; zones without a region (UTC) come first, under `Other`. */
  region: string;
  zones: string[];
}

/**
 * Groups IANA names by their first part (`America/Argentina/Salta` → `America`), regions and the
 * zones inside them in alphabetical order, `UTC` always offered, and first.
 */
export function groupTimeZones(names: readonly string[]): TimeZoneGroup[] {
  const byRegion = new Map<string, Set<string>>();
  for (const name of [DEFAULT_VIEWER_ZONE, ...names]) {
    const region = name.includes('/') ? name.slice(0, name.indexOf('/')) : 'Other';
    const zones = byRegion.get(region) ?? new Set<string>();
    zones.add(name);
    byRegion.set(region, zones);
  }
  const compare = (a: string, b: string) => a.localeCompare(b, 'en');
  return [...byRegion.entries()]
    .map(([region, zones]) => ({ region, zones: [...zones].sort(compare) }))
    .sort((a, b) =>
      a.region === 'Other' ? -1 : b.region === 'Other' ? 1 : compare(a.region, b.region),
    );
}

/** Every zone this runtime knows by its IANA name. */
export function knownTimeZones(): string[] {
  return Intl.supportedValuesOf('timeZone');
}
