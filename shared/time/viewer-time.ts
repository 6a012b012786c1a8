/**
 * When a slot starts for the person looking at it. Only `Intl` (no luxon): this runs in the
 * browser, where the viewer's zone is known, and on the server for pages without JavaScript.
 * The instant (`startsAt`) is the truth; the expert's date is only compared against.
 */

import { formatShortDay } from '../format';

const LOCALE = 'en-GB';

/** One formatter per zone and shape: building them is the slow part of `Intl`. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: 'time' | 'date', timeZone: string): Intl.DateTimeFormat {
  const cacheKey = `${kind} ${timeZone}`;
  let format = formatters.get(cacheKey);
  if (!format) {
    format =
      kind === 'time'
        ? new Intl.DateTimeFormat(LOCALE, {
            hour: '2-digit',
            minute: '2-digit',
            hourCycle: 'h23',
            timeZone,
          })
        : // en-CA writes dates as YYYY-MM-DD, the shape the expert's dates have.
          new Intl.DateTimeFormat('en-CA', {
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
            timeZone,
          });
    formatters.set(cacheKey, format);
  }
  return format;
}

/** The viewer's own time zone as the browser reports it. */
export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The calendar date (`YYYY-MM-DD`) and the time (`HH:mm`, 24 h) of an instant in a zone. */
export function localStart(startsAt: string, timeZone: string): { date: string; time: string } {
  const instant = new Date(startsAt);
  return {
    date: formatter('date', timeZone).format(instant),
    time: formatter('time', timeZone).format(instant),
  };
}

/**
 * When a slot starts in the viewer's zone: `15:00`, or `Wed 6 Mar, 01:00` when that is another
 * calendar day than the expert's date of the slot.
 */
export function formatViewerStart(startsAt: string, expertDate: string, timeZone: string): string {
  const { date, time } = localStart(startsAt, timeZone);
  return date === expertDate ? time : `${formatShortDay(date)}, ${time}`;
}
