import { DateTime } from 'luxon';

import { formatTimeZone } from '../../shared/format';
import type { BookingFacts } from './booking-mail-data';

const DAY = 'cccc, d LLLL yyyy';
const TIME = 'HH:mm';

function span(startsAt: Date, endsAt: Date, zone: string): string {
  const start = DateTime.fromJSDate(startsAt, { zone }).setLocale('en-GB');
  const end = DateTime.fromJSDate(endsAt, { zone }).setLocale('en-GB');
  return `${start.toFormat(DAY)}, ${start.toFormat(TIME)}–${end.toFormat(TIME)}`;
}

/**
 * When a session takes place, twice: in the expert's zone (named, as the booking page shows it)
 * and in UTC, so a reader anywhere can place it without guessing which zone is meant.
 */
export function sessionTime(booking: Pick<BookingFacts, 'startsAt' | 'endsAt' | 'timezone'>): {
  local: string;
  utc: string;
} {
  return {
    local: `${span(booking.startsAt, booking.endsAt, booking.timezone)} (${formatTimeZone(booking.timezone)} time)`,
    utc: `${span(booking.startsAt, booking.endsAt, 'utc')} UTC`,
  };
}

/** The day of the session in the expert's zone, short enough for a subject line. */
export function sessionDay(booking: Pick<BookingFacts, 'startsAt' | 'timezone'>): string {
  return DateTime.fromJSDate(booking.startsAt, { zone: booking.timezone })
    .setLocale('en-GB')
    .toFormat('ccc d LLL yyyy, HH:mm');
}
