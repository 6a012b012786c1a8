import type { BookingStatus } from '../../shared/schemas/booking';

/**
 * What the mails and calendar files say about one booking: plain data, so the bookings service
 * fills it from whatever it stores. `date` and `timeSlot` are the labels in the expert's zone;
 * `startsAt`/`endsAt` are the instants.
 */
export interface BookingFacts {
  bookingId: string;
  expertName: string;
  /** The expert's IANA zone, e.g. `Europe/Berlin`. */
  timezone: string;
  date: string;
  timeSlot: string;
  startsAt: Date;
  endsAt: Date;
  status: BookingStatus | 'Cancelled';
  /** The booking's private link: a path (`/bookings/…?token=…`) or an absolute URL. */
  manageUrl: string;
  /** Until when the client may cancel or move it; absent without a cancellation notice. */
  cancellableUntil?: Date;
}

/** A booking as a mail to the person who made it tells of it. */
export interface BookingMailData extends BookingFacts {
  /** Recipient: the booker's address. */
  to: string;
  /** The booker's name, for the greeting. */
  name: string;
  /**
   * Revision of the calendar event: 0 when booked, one more for every reschedule or cancel, so
   * calendar apps replace the event they already have (same UID) instead of ignoring the update.
   */
  sequence: number;
}

/** Who sends, and where the app lives: the links in a mail must be absolute. */
export interface MailSettings {
  appUrl: string;
  organizer: { name: string; email: string };
}

export function absoluteUrl(url: string, settings: Pick<MailSettings, 'appUrl'>): string {
  return new URL(url, settings.appUrl).toString();
}

/** One expert's sessions of one local day, for the morning agenda. */
export interface AgendaMailData {
  to: string;
  expertName: string;
  timezone: string;
  /** `YYYY-MM-DD` in the expert's zone. */
  date: string;
  sessions: readonly (Pick<BookingFacts, 'startsAt' | 'endsAt' | 'timezone' | 'status'> & {
    clientName: string;
  })[];
}
