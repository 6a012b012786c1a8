import type { Booking } from '../../shared/schemas/booking-record';

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
  /** "Send me my links": one message with a fresh link for each coming booking of `email`. */
  bookingLinks(message: { email: string; links: BookingLink[] }): Promise<void>;
  /**
   * "Show me my bookings": a link (a path with a single-use token) that opens the list of the
   * bookings of `email` in the browser that follows it.
   */
  bookingListLink(message: { email: string; listUrl: string }): Promise<void>;
}

/** Until the outbox is plugged in: nothing is sent, and nothing fails for it. */
export const noBookingMail: BookingMail = {
  async bookingMade() {},
  async bookingRescheduled() {},
  async bookingCancelled() {},
  async bookingLinks() {},
  async bookingListLink() {},
};
