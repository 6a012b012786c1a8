import * as z from 'zod/mini';

import { DateSchema, ObjectIdSchema, TimeSlotSchema } from './fields';

/**
 * The live-updates protocol, shared by the Socket.io server and the browser. The socket only
 * signals; the page's loader stays the source of truth, so the payload names the slot and no more.
 */

/** Where Socket.io listens on the app's own HTTP server; both sides must agree. */
export const REALTIME_PATH = '/socket.io';

/** Client → server: "send me the updates of this expert". */
export const JOIN_EXPERT = 'join_expert';
/** Server → client: a booking for this expert has just committed. */
export const SLOT_BOOKED = 'slot_booked';
/** Server → client: a slot of this expert is free again (a cancel, or the old half of a move). */
export const SLOT_RELEASED = 'slot_released';

export const JoinExpertSchema = z.object({ expertId: ObjectIdSchema });
export type JoinExpertRequest = z.infer<typeof JoinExpertSchema>;

export const SlotBookedEventSchema = z.object({
  expertId: ObjectIdSchema,
  date: DateSchema,
  timeSlot: TimeSlotSchema,
});
export type SlotBookedEvent = z.infer<typeof SlotBookedEventSchema>;

/** Names the slot, like `slot_booked`. */
export const SlotReleasedEventSchema = SlotBookedEventSchema;
export type SlotReleasedEvent = SlotBookedEvent;

/**
 * Server → client: the expert's availability rules changed, so any of their slots may have come
 * or gone. Names only the expert: the page reads its slots again from the loader.
 */
export const AVAILABILITY_CHANGED = 'availability_changed';
export const AvailabilityChangedEventSchema = z.object({ expertId: ObjectIdSchema });
export type AvailabilityChangedEvent = z.infer<typeof AvailabilityChangedEventSchema>;

/** Why a join joined nothing: junk input, no such expert, or the server could not check now. */
export const JOIN_REFUSALS = ['INVALID_REQUEST', 'NOT_FOUND', 'UNAVAILABLE'] as const;

export const JoinAckSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), expertId: ObjectIdSchema }),
  z.object({ ok: z.literal(false), code: z.enum(JOIN_REFUSALS), message: z.string() }),
]);
export type JoinAck = z.infer<typeof JoinAckSchema>;

/** Socket.io event maps, as the browser sees them (the server treats every argument as unknown). */
export interface ServerToClientEvents {
  [SLOT_BOOKED]: (event: SlotBookedEvent) => void;
  [SLOT_RELEASED]: (event: SlotReleasedEvent) => void;
  [AVAILABILITY_CHANGED]: (event: AvailabilityChangedEvent) => void;
}
export interface ClientToServerEvents {
  [JOIN_EXPERT]: (request: JoinExpertRequest, ack: (answer: JoinAck) => void) => void;
}
