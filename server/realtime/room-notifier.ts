import type { Server } from 'socket.io';

import { SLOT_BOOKED, type SlotBookedEvent } from '../../app/schemas/realtime';
import type { SlotNotifier } from '../services/slot-notifier';
import { expertRoom } from './rooms';

export interface RoomNotifier extends SlotNotifier {
  /** Drops later events: once shutdown has begun there is no one left to tell. */
  stop(): void;
}

/**
 * Tells the expert's room that a slot is gone. The bookings service calls it once per committed
 * booking; with the Redis adapter the emit also reaches the rooms on every other instance.
 */
export function createRoomNotifier(io: Server): RoomNotifier {
  let stopped = false;
  return {
    slotBooked(event: SlotBookedEvent) {
      if (stopped) return;
      const payload: SlotBookedEvent = {
        expertId: event.expertId,
        date: event.date,
        timeSlot: event.timeSlot,
      };
      io.to(expertRoom(payload.expertId)).emit(SLOT_BOOKED, payload);
    },
    stop() {
      stopped = true;
    },
  };
}
