import type { SlotBookedEvent } from '../../app/schemas/realtime';

export type { SlotBookedEvent };

/**
 * How the bookings service tells the outside world that a slot was just taken. It knows nothing
 * of the transport: the real-time module plugs Socket.io in behind this interface.
 */
export interface SlotNotifier {
  slotBooked(event: SlotBookedEvent): void;
}

export const silentNotifier: SlotNotifier = { slotBooked() {} };
