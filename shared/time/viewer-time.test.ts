import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';

import { formatViewerStart, localStart } from './viewer-time';

/**
 * The instant a slot starts, as the server works it out (luxon, in the expert's zone); the
 * viewer's side is `Intl` only. Together they must agree across daylight-saving changes.
 */
function startsAt(date: string, time: string, zone: string): string {
  const instant = DateTime.fromISO(`${date}T${time}`, { zone });
  if (!instant.isValid) throw new Error(`No such time: ${date} ${time} in ${zone}`);
  return instant.toUTC().toISO()!;
}

describe('formatViewerStart', () => {
  it('gives the time alone when the date is the same, and names the date when it is not', () => {
    const instant = startsAt('2026-12-03', '10:00', 'Asia/Tokyo');
    expect(formatViewerStart(instant, '2026-12-03', 'Europe/Berlin')).toBe('02:00');
    expect(formatViewerStart(instant, '2026-12-03', 'America/New_York')).toBe('Wed 2 Dec, 20:00');
    const late = startsAt('2026-12-03', '23:30', 'Europe/Berlin');
    expect(formatViewerStart(late, '2026-12-03', 'Asia/Tokyo')).toBe('Fri 4 Dec, 07:30');
  });

  it('uses the 24-hour clock with two-digit hours', () => {
    const instant = startsAt('2026-12-03', '09:05', 'UTC');
    expect(formatViewerStart(instant, '2026-12-03', 'UTC')).toBe('09:05');
    expect(localStart(startsAt('2026-12-03', '00:00', 'UTC'), 'UTC')).toEqual({
      date: '2026-12-03',
      time: '00:00',
    });
  });
});

describe('across daylight-saving changes', () => {
  // 2026: the United States change on 8 March and 1 November, the EU on 29 March and 25 October.
  // Between the two changes Berlin is 5 hours ahead of New York instead of 6.
  it.each([
    // Berlin springs forward (02:00 → 03:00) while New York is already on summer time.
    ['2026-03-29', '10:00', 'Europe/Berlin', 'America/New_York', '04:00'],
    ['2026-03-29', '01:30', 'Europe/Berlin', 'America/New_York', 'Sat 28 Mar, 20:30'],
    ['2026-03-29', '03:30', 'Europe/Berlin', 'America/New_York', 'Sat 28 Mar, 21:30'],
    // New York springs forward (02:00 → 03:00); Berlin is still on winter time.
    ['2026-03-08', '10:00', 'America/New_York', 'Europe/Berlin', '15:00'],
    ['2026-03-08', '01:30', 'America/New_York', 'Europe/Berlin', '07:30'],
    ['2026-03-08', '03:30', 'America/New_York', 'Europe/Berlin', '08:30'],
    // Berlin falls back (03:00 → 02:00); New York is still on summer time.
    ['2026-10-25', '10:00', 'Europe/Berlin', 'America/New_York', '05:00'],
    ['2026-10-25', '01:00', 'Europe/Berlin', 'America/New_York', 'Sat 24 Oct, 19:00'],
    // New York falls back (02:00 → 01:00); Berlin is already on winter time.
    ['2026-11-01', '10:00', 'America/New_York', 'Europe/Berlin', '16:00'],
    ['2026-11-01', '00:30', 'America/New_York', 'Europe/Berlin', '05:30'],
    ['2026-11-01', '19:00', 'America/New_York', 'Europe/Berlin', 'Mon 2 Nov, 01:00'],
  ])('%s %s in %s, seen from %s: %s', (date, time, expertZone, viewerZone, expected) => {
    expect(formatViewerStart(startsAt(date, time, expertZone), date, viewerZone)).toBe(expected);
  });

  it('shows the very instant the server chose for a time New York lives twice', () => {
    // 01:30 comes twice the night New York falls back; luxon settles on winter time (UTC-5).
    const twice = startsAt('2026-11-01', '01:30', 'America/New_York');
    expect(twice).toBe('2026-11-01T06:30:00.000Z');
    expect(formatViewerStart(twice, '2026-11-01', 'Europe/Berlin')).toBe('07:30');
    expect(formatViewerStart(twice, '2026-11-01', 'America/New_York')).toBe('01:30');
  });
});
