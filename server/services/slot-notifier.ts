import type { SlotBookedEvent, SlotReleasedEvent } from '../../app/schemas/realtime';

export type { SlotBookedEvent, SlotReleasedEvent };

/**
 * How the bookings service tells the outside world that a slot was just taken or freed. It knows
 * nothing of the transport: the real-time module plugs Socket.io in behind this interface.
 */
export interface SlotNotifier {
  slotBooked(event: SlotBookedEvent): void;
  slotReleased(event: SlotReleasedEvent): void;
}

export const silentNotifier: SlotNotifier = { slotBooked() {}, slotReleased() {} };
