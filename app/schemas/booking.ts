import * as z from 'zod/mini';

import { DateSchema, ObjectIdSchema, requiredText, TimeSlotSchema } from './fields';

export const BOOKING_STATUSES = ['Pending', 'Confirmed', 'Completed', 'Cancelled'] as const;
export const BookingStatusSchema = z.enum(BOOKING_STATUSES, {
  error: `Status must be one of: ${BOOKING_STATUSES.join(', ')}.`,
});
export type BookingStatus = z.infer<typeof BookingStatusSchema>;

export const EmailSchema = z.pipe(
  z.pipe(
    z
      .string({
        error: (issue) =>
          issue.input === undefined ? 'Email is required.' : 'Email must be text.',
      })
      .check(
        z.trim(),
        z.minLength(1, 'Email is required.'),
        z.maxLength(254, 'Email must be at most 254 characters.'),
      ),
    z.email('Email must be a valid address, like name@example.com.'),
  ),
  z.transform((value) => value.toLowerCase()),
);

const PHONE_RULE =
  'Phone must be 7 to 20 digits, optionally starting with + (spaces, dashes, dots and brackets are fine).';

export const PhoneSchema = requiredText('Phone', { max: 30 }).check(
  z.regex(/^\+?[\d\s().-]{7,30}$/, PHONE_RULE),
  z.refine((value) => /^(\D*\d){7,20}\D*$/.test(value), PHONE_RULE),
);

/** Who is booking: the part of a booking a person types in. */
export const BookingContactSchema = z.object({
  name: requiredText('Name', { min: 2, max: 100 }),
  email: EmailSchema,
  phone: PhoneSchema,
  notes: z.pipe(
    z.optional(
      z
        .string({ error: 'Notes must be text.' })
        .check(z.trim(), z.maxLength(1000, 'Notes must be at most 1000 characters.')),
    ),
    z.transform((value) => value ?? ''),
  ),
});

export const CreateBookingSchema = z.extend(BookingContactSchema, {
  expertId: ObjectIdSchema,
  date: DateSchema,
  timeSlot: TimeSlotSchema,
});
export type CreateBookingInput = z.infer<typeof CreateBookingSchema>;

/**
 * Names one booking attempt, so that repeating it (a double click, a resubmitted form, a retried
 * request) returns the booking it made instead of booking twice or reporting its own slot taken.
 */
export const IdempotencyKeySchema = z
  .string({ error: 'The request key must be text.' })
  .check(z.regex(/^[\w-]{8,100}$/, 'The request key must be 8 to 100 letters, digits, - or _.'));

export const StatusChangeSchema = z.object({ status: BookingStatusSchema });
export type StatusChange = z.infer<typeof StatusChangeSchema>;

export const BookingsByEmailQuerySchema = z.object({ email: EmailSchema });

/** A booking's private manage token: 32 base64url characters (192 random bits) when we issue it. */
export const ManageTokenSchema = z
  .string({ error: 'The manage token must be text.' })
  .check(z.regex(/^[\w-]{22,100}$/, 'The manage token is not valid.'));

export const CancelBookingSchema = z.object({
  reason: z.optional(
    z
      .string({ error: 'Reason must be text.' })
      .check(z.trim(), z.maxLength(500, 'Reason must be at most 500 characters.')),
  ),
});
export type CancelBookingInput = z.infer<typeof CancelBookingSchema>;

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
  notes: z.string(),
  status: BookingStatusSchema,
  createdAt: z.iso.datetime({ offset: true }),
  history: z.array(BookingHistoryEntrySchema),
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
