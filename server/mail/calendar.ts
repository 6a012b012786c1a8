import { absoluteUrl, type BookingFacts, type MailSettings } from './booking-mail-data';
import {
  calendarText,
  contentLine,
  mailtoValue,
  parameterValue,
  textValue,
  uriValue,
  utcDateTime,
  type Parameters,
} from './icalendar';
import { sessionTime } from './session-time';

/** Who made the file (§3.7.3): a globally unique name for this product. */
const PRODUCT_ID = '-//Expert Booking//Bookings//EN';

/**
 * REQUEST: an invitation (or its update) sent by mail. CANCEL: withdraws it. PUBLISH: a file to
 * download and import, which asks for no reply.
 */
export type CalendarMethod = 'REQUEST' | 'CANCEL' | 'PUBLISH';

export interface CalendarOptions {
  method: CalendarMethod;
  /** Revision of the event; a calendar app applies a file only if it is higher than the last. */
  sequence: number;
  /** The booker, named as the attendee in invitations. */
  attendee?: { name: string; email: string };
  /** When the file is made (DTSTAMP); now unless given. */
  stamp?: Date;
}

const STATUS = {
  Pending: 'TENTATIVE',
  Confirmed: 'CONFIRMED',
  Completed: 'CONFIRMED',
  Cancelled: 'CANCELLED',
} as const;

/** The event's STATUS for a booking's status: a change of it is news to a calendar app. */
export function calendarStatus(status: keyof typeof STATUS): (typeof STATUS)[keyof typeof STATUS] {
  return STATUS[status];
}

/** One UID per booking, forever: every update and the cancellation name the same event. */
export function calendarUid(bookingId: string): string {
  return `${bookingId}@expert-booking`;
}

/** A person as a calendar line names them: the name a parameter, the address a `mailto:`. */
function person(
  property: 'ORGANIZER' | 'ATTENDEE',
  { name, email }: { name: string; email: string },
  parameters: Parameters = [],
): string {
  return contentLine(property, mailtoValue(email), [...parameters, ['CN', parameterValue(name)]]);
}

/** The `.ics` text of a booking: one event, in UTC, with the booking's private link. */
export function bookingCalendar(
  booking: BookingFacts,
  settings: MailSettings,
  options: CalendarOptions,
): string {
  const manageUrl = absoluteUrl(booking.manageUrl, settings);
  const when = sessionTime(booking);
  const status = options.method === 'CANCEL' ? 'CANCELLED' : calendarStatus(booking.status);
  const description = [when.local, when.utc, `See, reschedule or cancel it: ${manageUrl}`];
  return calendarText([
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODUCT_ID}`,
    'CALSCALE:GREGORIAN',
    `METHOD:${options.method}`,
    'BEGIN:VEVENT',
    contentLine('UID', textValue(calendarUid(booking.bookingId))),
    `SEQUENCE:${options.sequence}`,
    `DTSTAMP:${utcDateTime(options.stamp ?? new Date())}`,
    `DTSTART:${utcDateTime(booking.startsAt)}`,
    `DTEND:${utcDateTime(booking.endsAt)}`,
    contentLine('SUMMARY', textValue(`Session with ${booking.expertName}`)),
    contentLine('DESCRIPTION', textValue(description.join('\n'))),
    contentLine('URL', uriValue(manageUrl)),
    `STATUS:${status}`,
    person('ORGANIZER', settings.organizer),
    ...(options.attendee
      ? [
          person('ATTENDEE', options.attendee, [
            ['ROLE', 'REQ-PARTICIPANT'],
            ['PARTSTAT', 'ACCEPTED'],
            ['RSVP', 'FALSE'],
          ]),
        ]
      : []),
    'END:VEVENT',
    'END:VCALENDAR',
  ]);
}
