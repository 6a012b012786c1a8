import {
  silentBookingChanges,
  type BookingChangeNotifier,
} from '../services/booking-change-notifier';
import { silentNotifier, type SlotNotifier } from '../services/slot-notifier';

/**
 * Breaks a start-up cycle: the services need a notifier, the Socket.io notifier needs the HTTP
 * server, and the HTTP server needs the app built from the services. The services get this relay
 * and it is connected before the server listens, so no booking can happen while it is silent.
 */
export function createNotifierRelay() {
  let target: SlotNotifier = silentNotifier;
  let changesTarget: BookingChangeNotifier = silentBookingChanges;
  return {
    notifier: {
      slotBooked(event) {
        target.slotBooked(event);
      },
      slotReleased(event) {
        target.slotReleased(event);
      },
      availabilityChanged(event) {
        target.availabilityChanged(event);
      },
    } satisfies SlotNotifier,
    changes: {
      bookingChanged(event) {
        changesTarget.bookingChanged(event);
      },
    } satisfies BookingChangeNotifier,
    connect(next: SlotNotifier, nextChanges: BookingChangeNotifier = silentBookingChanges) {
      target = next;
      changesTarget = nextChanges;
    },
  };
}
