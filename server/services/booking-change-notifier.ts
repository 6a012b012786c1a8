import type { BookingChangedEvent } from '../../shared/schemas/console-realtime';

export type { BookingChangedEvent };

/**
 * How the bookings service tells the consoles that a booking was made, cancelled, moved or moved
 * on. Unlike SlotNotifier's events these name the client, so only signed-in consoles may hear them.
 */
export interface BookingChangeNotifier {
  bookingChanged(event: BookingChangedEvent): void;
}

export const silentBookingChanges: BookingChangeNotifier = { bookingChanged() {} };
