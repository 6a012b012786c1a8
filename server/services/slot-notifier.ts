import type {
  AvailabilityChangedEvent,
  SlotBookedEvent,
  SlotReleasedEvent,
} from '../../app/schemas/realtime';

export type { AvailabilityChangedEvent, SlotBookedEvent, SlotReleasedEvent };

/**
 * How the services tell the outside world that an expert's slots just changed: one taken or
 * freed (bookings), or all of them after new rules (experts). They know nothing of the
 * transport: the real-time module plugs Socket.io in behind this interface.
 */
export interface SlotNotifier {
  slotBooked(event: SlotBookedEvent): void;
  slotReleased(event: SlotReleasedEvent): void;
  /** The expert's rules changed after a save: every slot of theirs may differ. */
  availabilityChanged(event: AvailabilityChangedEvent): void;
}

/** What the bookings service announces. */
export type BookingNotifier = Pick<SlotNotifier, 'slotBooked' | 'slotReleased'>;

export const silentNotifier: SlotNotifier = {
  slotBooked() {},
  slotReleased() {},
  availabilityChanged() {},
};
