import type {
  AvailabilityChangedEvent,
  SlotBookedEvent,
  SlotReleasedEvent,
} from '../../shared/schemas/realtime';

export type { AvailabilityChangedEvent, SlotBookedEvent, SlotReleasedEvent };

/**
 * A slot taken or freed, as the bookings service announces it: with the booking and the time it
 * holds, so the catalogue read model applies it without a read. Socket.io passes on only the slot.
 */
export interface HeldSlotEvent extends SlotBookedEvent {
  bookingId: string;
  heldFrom: string;
  heldUntil: string;
  daySeat?: string;
}

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
export interface BookingNotifier {
  slotBooked(event: HeldSlotEvent): void;
  slotReleased(event: HeldSlotEvent): void;
}

export const silentNotifier: SlotNotifier = {
  slotBooked() {},
  slotReleased() {},
  availabilityChanged() {},
};
