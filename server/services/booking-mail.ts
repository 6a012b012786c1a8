import type { Booking, ReminderKind } from '../../shared/schemas/booking-record';

/**
 * A booking and the path of its private page (`/bookings/<id>?token=…`). Tokens are stored only
 * as hashes, so each message gets a link with a fresh token of its own.
 */
export interface BookingLink {
  booking: Booking;
  manageUrl: string;
}

/**
 * What the bookings service tells the person who booked, after each change has committed. The
 * mail module plugs its outbox in behind this interface (as Socket.io sits behind SlotNotifier);
 * the service knows nothing of messages, transports or calendar files. Each call resolves once
 * the message is safely stored, not when it is sent.
 */
export interface BookingMail {
  /** A new booking, with its manage link (shown once, so this is its only other copy). */
  bookingMade(message: BookingLink): Promise<void>;
  /** The booking moved; `previous` is the slot it left. */
  bookingRescheduled(
    message: BookingLink & { previous: { date: string; timeSlot: string; startsAt: string } },
  ): Promise<void>;
  bookingCancelled(message: BookingLink): Promise<void>;
  /**
   * A reminder before the session. `delivery.id` names the message, so storing it twice (two
   * instances, a retry after a crash) stores it once; `delivery.topic` hears how it ended.
   */
  bookingReminder(
    message: BookingLink & { kind: ReminderKind },
    delivery: MailDelivery,
  ): Promise<void>;
  /** The expert's morning list of the day's sessions (`sessions` soonest first). */
  expertAgenda(
    message: {
      to: string;
      expertName: string;
      timezone: string;
      date: string;
      sessions: Booking[];
    },
    delivery: MailDelivery,
  ): Promise<void>;
  /** The session was marked Completed: "how was it?", with a link to the review form. */
  reviewInvite(message: BookingLink): Promise<void>;
  /** "Send me my links": one message with a fresh link for each coming booking of `email`. */
  bookingLinks(message: { email: string; links: BookingLink[] }): Promise<void>;
  /**
   * "Show me my bookings": a link (a path with a single-use token) that opens the list of the
   * bookings of `email` in the browser that follows it.
   */
  bookingListLink(message: { email: string; listUrl: string }): Promise<void>;
}

/** A message's fixed id (24 hex digits) and the topic its outcome is told under. */
export interface MailDelivery {
  id: string;
  topic: string;
}

/** Until the outbox is plugged in: nothing is sent, and nothing fails for it. */
export const noBookingMail: BookingMail = {
  async bookingMade() {},
  async bookingRescheduled() {},
  async bookingCancelled() {},
  async bookingReminder() {},
  async expertAgenda() {},
  async reviewInvite() {},
  async bookingLinks() {},
  async bookingListLink() {},
};
