import * as z from 'zod/mini';

import { BookingStatusSchema } from './booking';
import { CHANGED_BY } from './booking-record';
import { DateSchema, ObjectIdSchema, TimeSlotSchema } from './fields';

/**
 * The console's live-updates protocol, shared by the Socket.io server and the console page, kept
 * apart from ./realtime so the public expert page ships none of it. It travels in a namespace of
 * its own, which only a signed-in person can connect to: its events name the client, the public
 * rooms' never do.
 */
export const CONSOLE_NAMESPACE = '/console';

/** Client → server: "send me the changes of this expert's bookings" (of all experts: admins). */
export const JOIN_CONSOLE = 'join_console';
/** Server → client: a booking of a watched expert was made, cancelled, moved or moved on. */
export const BOOKING_CHANGED = 'booking_changed';

export const JoinConsoleSchema = z.object({ expertId: z.optional(ObjectIdSchema) });
export type JoinConsoleRequest = z.infer<typeof JoinConsoleSchema>;

export const BOOKING_CHANGES = ['booked', 'cancelled', 'rescheduled', 'status'] as const;

export const BookingChangedEventSchema = z.object({
  change: z.enum(BOOKING_CHANGES),
  bookingId: ObjectIdSchema,
  expertId: ObjectIdSchema,
  by: z.enum(CHANGED_BY),
  /** The client's name: console rooms only. */
  name: z.string(),
  date: DateSchema,
  timeSlot: TimeSlotSchema,
  status: BookingStatusSchema,
});
export type BookingChangedEvent = z.infer<typeof BookingChangedEventSchema>;

/**
 * Why a console join joined nothing: junk input, a room that is not the person's, or a session
 * that ended since the handshake (the socket is disconnected with that answer).
 */
export const CONSOLE_JOIN_REFUSALS = ['INVALID_REQUEST', 'FORBIDDEN', 'UNAUTHORIZED'] as const;

export const ConsoleJoinAckSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), code: z.enum(CONSOLE_JOIN_REFUSALS), message: z.string() }),
]);
export type ConsoleJoinAck = z.infer<typeof ConsoleJoinAckSchema>;

/** What a refused console handshake tells the client in `connect_error`'s `data`. */
export const CONSOLE_HANDSHAKE_REFUSED = 'UNAUTHORIZED';

export interface ConsoleServerToClientEvents {
  [BOOKING_CHANGED]: (event: BookingChangedEvent) => void;
}
export interface ConsoleClientToServerEvents {
  [JOIN_CONSOLE]: (request: JoinConsoleRequest, ack: (answer: ConsoleJoinAck) => void) => void;
}
