import * as z from 'zod/mini';

import { DateSchema, multiline, ObjectIdSchema, requiredText, TimeSlotSchema } from './fields';

export const BOOKING_STATUSES = ['Pending', 'Confirmed', 'Completed', 'Cancelled'] as const;
export const BOOKING_STATUS_ERROR = `Status must be one of: ${BOOKING_STATUSES.join(', ')}.`;
export const BookingStatusSchema = z.enum(BOOKING_STATUSES, { error: BOOKING_STATUS_ERROR });
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

// One pattern for the whole rule, so that the published contract states it exactly.
export const PhoneSchema = requiredText('Phone', { max: 30 }).check(
  z.regex(/^\+?[ ().-]{0,3}([0-9][ ().-]{0,2}){7,20}$/, PHONE_RULE),
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
        .check(
          z.trim(),
          ...multiline('Notes'),
          z.maxLength(1000, 'Notes must be at most 1000 characters.'),
        ),
    ),
    z.transform((value) => value ?? ''),
  ),
});

/** A session length in minutes, as the expert's rules may offer it. */
export const SessionMinutesSchema = z
  .number({ error: 'Session length must be a number of minutes.' })
  .check(
    z.int('Session length must be a whole number of minutes.'),
    z.gte(15, 'Session length must be at least 15 minutes.'),
    z.lte(240, 'Session length must be at most 240 minutes.'),
  );

export const CreateBookingSchema = z.extend(BookingContactSchema, {
  expertId: ObjectIdSchema,
  date: DateSchema,
  timeSlot: TimeSlotSchema,
  /** Optional: the slot's label already names its length; when given, the two must agree. */
  sessionMinutes: z.optional(SessionMinutesSchema),
});
export type CreateBookingInput = z.infer<typeof CreateBookingSchema>;

/**
 * Names one booking attempt, so that repeating it (a double click, a resubmitted form, a retried
 * request) returns the booking it made instead of booking twice or reporting its own slot taken.
 */
export const IdempotencyKeySchema = z
  .string({ error: 'The request key must be text.' })
  .check(
    z.regex(/^[A-Za-z0-9_-]{8,100}$/, 'The request key must be 8 to 100 letters, digits, - or _.'),
  );

export const BookingsByEmailQuerySchema = z.object({ email: EmailSchema });
