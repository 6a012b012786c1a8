import { minutesOfDay } from '../../shared/schemas/availability';
import type { Booking } from '../../shared/schemas/booking-record';
import type { BookingLink, BookingMail } from '../services/booking-mail';
import type { BookingFacts, BookingMailData } from './booking-mail-data';
import type { BookingMailer } from './booking-mailer';
import { calendarStatus } from './calendar';

/**
 * When the session ends: its start plus the length its label gives. Not the end label converted
 * on its own: on a day the clocks change, that would stretch or shrink the session.
 */
function endsAt(booking: Booking): Date {
  const [start = '', end = ''] = booking.timeSlot.split('-');
  const minutes = minutesOfDay(end) - minutesOfDay(start);
  return new Date(Date.parse(booking.startsAt) + minutes * 60_000);
}

function factsOf({ booking, manageUrl }: BookingLink): BookingFacts {
  return {
    bookingId: booking.id,
    expertName: booking.expertName,
    timezone: booking.timezone,
    date: booking.date,
    timeSlot: booking.timeSlot,
    startsAt: new Date(booking.startsAt),
    endsAt: endsAt(booking),
    status: booking.status,
    manageUrl,
    ...(booking.cancellableUntil ? { cancellableUntil: new Date(booking.cancellableUntil) } : {}),
  };
}

/**
 * The calendar event's revision: one more for every change a calendar app must take (RFC 5546
 * names a new time and a new STATUS among them): a move, a confirmation, a cancellation. Calendar
 * apps replace the event they hold (same UID) only with a higher one, and ignore the rest.
 */
function sequenceOf(booking: Booking): number {
  return booking.history.filter(
    (entry) =>
      calendarStatus(entry.from.status) !== calendarStatus(entry.to.status) ||
      entry.from.date !== entry.to.date ||
      entry.from.timeSlot !== entry.to.timeSlot,
  ).length;
}

function mailDataOf(link: BookingLink): BookingMailData {
  return {
    ...factsOf(link),
    to: link.booking.email,
    name: link.booking.name,
    sequence: sequenceOf(link.booking),
  };
}

/** The bookings service's messages, stored in the outbox as the mailer writes them. */
export function bookingMailThroughOutbox(mailer: BookingMailer): BookingMail {
  return {
    bookingMade: (link) => mailer.bookingMade(mailDataOf(link)),
    bookingRescheduled: (link) => mailer.bookingRescheduled(mailDataOf(link)),
    bookingCancelled: (link) => mailer.bookingCancelled(mailDataOf(link)),
    bookingReminder: ({ kind, ...link }, delivery) =>
      mailer.bookingReminder(mailDataOf(link), kind, delivery),
    expertAgenda: ({ sessions, ...agenda }, delivery) =>
      mailer.expertAgenda(
        {
          ...agenda,
          sessions: sessions.map((booking) => ({
            clientName: booking.name,
            startsAt: new Date(booking.startsAt),
            endsAt: endsAt(booking),
            timezone: booking.timezone,
            status: booking.status,
          })),
        },
        delivery,
      ),
    reviewInvite: (link) => mailer.reviewInvite(mailDataOf(link)),
    bookingLinks: ({ email, links }) => mailer.bookingLinks(email, links.map(factsOf)),
    bookingListLink: ({ email, listUrl }) => mailer.bookingListLink(email, listUrl),
  };
}

/** A booking's `.ics` file to download from its page, the same event (UID) as in its mails. */
export function bookingCalendarFile(mailer: BookingMailer): (link: BookingLink) => string {
  return (link) => mailer.calendarFile(factsOf(link), sequenceOf(link.booking));
}
