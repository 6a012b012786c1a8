import type { ReminderKind } from '../../shared/schemas/booking-record';
import type {
  AgendaMailData,
  BookingFacts,
  BookingMailData,
  MailSettings,
} from './booking-mail-data';
import { bookingCalendar } from './calendar';
import {
  bookingCancelledMail,
  bookingLinksMail,
  bookingListLinkMail,
  bookingMadeMail,
  bookingReminderMail,
  bookingRescheduledMail,
  expertAgendaMail,
  reviewInviteMail,
} from './messages';
import type { MailOutbox } from './outgoing-mail';

/** A message stored once whoever stores it (a fixed id), and told of when it ends (`topic`). */
export interface Delivery {
  id: string;
  topic: string;
}

/**
 * What the bookings service tells its clients, as it tells the notifier about slots: each call
 * stores the mail in the outbox and returns; a worker sends it. Call it after the change has
 * been committed.
 */
export interface BookingMailer {
  bookingMade(booking: BookingMailData): Promise<void>;
  bookingRescheduled(booking: BookingMailData): Promise<void>;
  bookingCancelled(booking: BookingMailData): Promise<void>;
  bookingReminder(booking: BookingMailData, kind: ReminderKind, delivery: Delivery): Promise<void>;
  expertAgenda(agenda: AgendaMailData, delivery: Delivery): Promise<void>;
  /** The session is Completed: an invitation to review it. */
  reviewInvite(booking: BookingMailData): Promise<void>;
  /** One message to `to` with the private link of each of the given (coming) bookings. */
  bookingLinks(to: string, bookings: readonly BookingFacts[]): Promise<void>;
  /** The link that opens the bookings list of `to` (a path, made absolute here). */
  bookingListLink(to: string, listUrl: string): Promise<void>;
  /** The booking's `.ics` file to download (METHOD:PUBLISH, the same UID as in the mails). */
  calendarFile(booking: BookingFacts, sequence: number): string;
}

export function createBookingMailer({
  outbox,
  settings,
}: {
  outbox: MailOutbox;
  /** Read at each call: the app's address may only be known once the server listens. */
  settings: () => MailSettings;
}): BookingMailer {
  return {
    bookingMade: (booking) => outbox.enqueue(bookingMadeMail(booking, settings())),
    bookingRescheduled: (booking) => outbox.enqueue(bookingRescheduledMail(booking, settings())),
    bookingCancelled: (booking) => outbox.enqueue(bookingCancelledMail(booking, settings())),
    bookingReminder: (booking, kind, delivery) =>
      outbox.enqueue(bookingReminderMail(booking, settings(), kind), delivery),
    expertAgenda: (agenda, delivery) =>
      outbox.enqueue(expertAgendaMail(agenda, settings()), delivery),
    reviewInvite: (booking) => outbox.enqueue(reviewInviteMail(booking, settings())),
    bookingLinks: (to, bookings) => outbox.enqueue(bookingLinksMail(to, bookings, settings())),
    bookingListLink: (to, listUrl) => outbox.enqueue(bookingListLinkMail(to, listUrl, settings())),
    calendarFile: (booking, sequence) =>
      bookingCalendar(booking, settings(), { method: 'PUBLISH', sequence }),
  };
}
