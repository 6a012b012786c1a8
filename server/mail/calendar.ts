import { createEvent, type EventAttributes } from 'ics';

import { absoluteUrl, type BookingFacts, type MailSettings } from './booking-mail-data';
import { icsAddress, icsParam, icsText } from './escaping';
import { sessionTime } from './session-time';

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

/** One UID per booking, forever: every update and the cancellation name the same event. */
export function calendarUid(bookingId: string): string {
  return `${bookingId}@expert-booking`;
}

/** A person as a calendar line names them: the name a parameter, the address a `mailto:`. */
function contact({ name, email }: { name: string; email: string }) {
  return { name: icsParam(name), email: icsAddress(email) };
}

/** The `.ics` text of a booking: one event, in UTC, with the booking's private link. */
export function bookingCalendar(
  booking: BookingFacts,
  settings: MailSettings,
  options: CalendarOptions,
): string {
  const manageUrl = absoluteUrl(booking.manageUrl, settings);
  const when = sessionTime(booking);
  // `timestamp` (DTSTAMP) is accepted by the library but missing from its type declarations.
  const event: EventAttributes & { timestamp?: number } = {
    productId: 'expert-booking',
    method: options.method,
    uid: calendarUid(booking.bookingId),
    sequence: options.sequence,
    start: booking.startsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: booking.endsAt.getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: icsText(`Session with ${booking.expertName}`),
    description: icsText(
      [when.local, when.utc, `See, reschedule or cancel it: ${manageUrl}`].join('\n'),
    ),
    url: icsAddress(manageUrl),
    status: options.method === 'CANCEL' ? 'CANCELLED' : STATUS[booking.status],
    organizer: contact(settings.organizer),
    attendees: options.attendee
      ? [
          {
            ...contact(options.attendee),
            rsvp: false,
            partstat: 'ACCEPTED',
            role: 'REQ-PARTICIPANT',
          },
        ]
      : undefined,
    timestamp: (options.stamp ?? new Date()).getTime(),
  };
  const { error, value } = createEvent(event);
  if (error || !value) throw error ?? new Error('The calendar file could not be made.');
  return value;
}
