import * as z from 'zod/mini';

import { BOOKING_STATUS_ERROR, BookingStatusSchema, type BookingStatus } from './booking';
import { DateSchema, TimeSlotSchema, multiline } from './fields';

/**
 * A booking as the API answers it, its history, and what managing it takes. Kept apart from
 * ./booking, whose input schemas the booking form ships to the browser: what is here reaches
 * only the pages that show or change a booking.
 */

/** A booking's private manage token: 32 base64url characters (192 random bits) when we issue it. */
export const ManageTokenSchema = z
  .string({ error: 'The manage token must be text.' })
  .check(z.regex(/^[A-Za-z0-9_-]{22,100}$/, 'The manage token is not valid.'));

/** Why a booking is cancelled: the client reads it. */
const CancelReasonSchema = z.optional(
  z.string({ error: 'Reason must be text.' }).check(
    z.trim(),
    // As LF, a line break counts once, as in the textarea's maxlength.
    ...multiline('Reason'),
    z.maxLength(500, 'Reason must be at most 500 characters.'),
  ),
);

export const CancelBookingSchema = z.object({ reason: CancelReasonSchema });
export type CancelBookingInput = z.infer<typeof CancelBookingSchema>;

const STEPS = ['Pending', 'Confirmed', 'Completed'] as const satisfies readonly BookingStatus[];

/** A step forward, or a cancellation, which may say why as a cancel does (and only it). */
export const StatusChangeSchema = z.discriminatedUnion(
  'status',
  [
    z.object({ status: z.literal('Cancelled'), reason: CancelReasonSchema }),
    z.object({
      status: z.enum(STEPS),
      reason: z.optional(z.never({ error: 'A reason goes only with a cancellation.' })),
    }),
  ],
  { error: BOOKING_STATUS_ERROR },
);
export type StatusChange = z.infer<typeof StatusChangeSchema>;

export const RescheduleBookingSchema = z.object({ date: DateSchema, timeSlot: TimeSlotSchema });
export type RescheduleBookingInput = z.infer<typeof RescheduleBookingSchema>;

/** Who changed a booking: its client (through the manage link), an admin, or the expert. */
export const CHANGED_BY = ['client', 'admin', 'expert'] as const;
export type ChangedBy = (typeof CHANGED_BY)[number];

const BookingStateSchema = z.object({
  status: BookingStatusSchema,
  date: DateSchema,
  timeSlot: TimeSlotSchema,
});

export const BookingHistoryEntrySchema = z.object({
  at: z.iso.datetime({ offset: true }),
  by: z.enum(CHANGED_BY),
  from: BookingStateSchema,
  to: BookingStateSchema,
  reason: z.optional(z.string()),
});
export type BookingHistoryEntry = z.infer<typeof BookingHistoryEntrySchema>;

export const REMINDER_KINDS = ['24h', '1h'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];
export const REMINDER_STATUSES = ['scheduled', 'sent', 'skipped', 'cancelled', 'failed'] as const;

/** One reminder mail to the client: when it goes (or went) out, and how it fared. */
export const ReminderSchema = z.object({
  kind: z.enum(REMINDER_KINDS),
  sendAt: z.iso.datetime({ offset: true }),
  status: z.enum(REMINDER_STATUSES),
});
export type Reminder = z.infer<typeof ReminderSchema>;

export const BookingSchema = z.object({
  id: z.string(),
  expertId: z.string(),
  expertName: z.string(),
  timezone: z.string(),
  name: z.string(),
  email: z.string(),
  phone: z.string(),
  date: DateSchema,
  timeSlot: TimeSlotSchema,
  startsAt: z.iso.datetime({ offset: true }),
  /** When the session ends: the label names the length, this the instant. */
  endsAt: z.iso.datetime({ offset: true }),
  notes: z.string(),
  status: BookingStatusSchema,
  createdAt: z.iso.datetime({ offset: true }),
  history: z.array(BookingHistoryEntrySchema),
  /** Empty for bookings made before reminders existed. */
  reminders: z.array(ReminderSchema),
  /**
   * Until when the client may cancel or move the booking (the expert and admins may later);
   * null when the expert asked for no cancellation notice.
   */
  cancellableUntil: z.nullable(z.iso.datetime({ offset: true })),
});
export type Booking = z.infer<typeof BookingSchema>;

/**
 * What creating a booking answers, once: the booking and its private manage link. Only a hash of
 * the token is stored, so no later answer can repeat it.
 */
export const CreatedBookingSchema = z.extend(BookingSchema, {
  manageToken: z.string(),
  /** A path: `/bookings/<id>?token=<manageToken>`. */
  manageUrl: z.string(),
});
export type CreatedBooking = z.infer<typeof CreatedBookingSchema>;

/** A booking as "my bookings by email" shows it: nothing personal, no way to manage it. */
export const BookingSummarySchema = z.object({
  id: z.string(),
  expertId: z.string(),
  expertName: z.string(),
  date: DateSchema,
  timeSlot: TimeSlotSchema,
  timezone: z.string(),
  status: BookingStatusSchema,
});
export type BookingSummary = z.infer<typeof BookingSummarySchema>;

/** The private page of one booking; the token is its key. */
export function manageUrl(bookingId: string, token: string): string {
  return `/bookings/${bookingId}?token=${encodeURIComponent(token)}`;
}

/** The booking's calendar file, reached with the same private token as its page. */
export function calendarUrl(bookingId: string, token: string): string {
  return `/bookings/${bookingId}/calendar.ics?token=${encodeURIComponent(token)}`;
}
