import type { Server } from 'socket.io';

import {
  AVAILABILITY_CHANGED,
  SLOT_BOOKED,
  SLOT_RELEASED,
  type SlotBookedEvent,
} from '../../shared/schemas/realtime';
import type { SlotNotifier } from '../services/slot-notifier';
import { expertRoom } from './rooms';

export interface RoomNotifier extends SlotNotifier {
  /** Drops later events: once shutdown has begun there is no one left to tell. */
  stop(): void;
}

/**
 * Tells the expert's room that a slot is gone or free again. The bookings service calls it once
 * per committed change; with the Redis adapter the emit also reaches the rooms on every other
 * instance.
 */
export function createRoomNotifier(io: Server): RoomNotifier {
  let stopped = false;
  function emit(name: typeof SLOT_BOOKED | typeof SLOT_RELEASED, event: SlotBookedEvent) {
    if (stopped) return;
    // Only the slot travels, whatever else the caller's object carries.
    const payload: SlotBookedEvent = {
      expertId: event.expertId,
      date: event.date,
      timeSlot: event.timeSlot,
    };
    io.to(expertRoom(payload.expertId)).emit(name, payload);
  }
  return {
    slotBooked: (event) => emit(SLOT_BOOKED, event),
    slotReleased: (event) => emit(SLOT_RELEASED, event),
    availabilityChanged(event) {
      if (stopped) return;
      io.to(expertRoom(event.expertId)).emit(AVAILABILITY_CHANGED, { expertId: event.expertId });
    },
    stop() {
      stopped = true;
    },
  };
}
