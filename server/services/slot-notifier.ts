export interface SlotBookedEvent {
  expertId: string;
  date: string;
  timeSlot: string;
}

/**
 * How the bookings service tells the outside world that a slot was just taken. It knows nothing
 * of the transport: the real-time module plugs Socket.io in behind this interface.
 */
export interface SlotNotifier {
  slotBooked(event: SlotBookedEvent): void;
}

export const silentNotifier: SlotNotifier = { slotBooked() {} };
