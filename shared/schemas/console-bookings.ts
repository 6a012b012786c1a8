import * as z from 'zod/mini';

import { BookingStatusSchema } from './booking';
import type { Booking } from './booking-record';
import { DateSchema, ObjectIdSchema, queryInteger, requiredText } from './fields';

/**
 * The console's bookings table: its filters (the URL's query), the page it answers and the small
 * forms of each row. Shared by the route, the service and the browser.
 */

export const CONSOLE_PAGE_SIZE = 20;

/**
 * The widest date range one page may ask for. The service reads every month the range touches,
 * so the cap is what keeps a request's reads bounded whatever the history holds.
 */
export const MAX_RANGE_DAYS = 92;

/** What a range is when the URL names none: the week behind and the two months ahead. */
export const DEFAULT_DAYS_BACK = 7;
export const DEFAULT_DAYS_AHEAD = 60;

/** An empty field of a GET form means "no filter", as if it were not sent. */
function optionalFilter<T extends z.core.$ZodType>(schema: T) {
  return z.pipe(
    z.optional(z.union([z.literal(''), schema])),
    z.transform((value) => (value === '' ? undefined : value) as z.infer<T> | undefined),
  );
}

export const ConsoleBookingsQuerySchema = z.object({
  status: optionalFilter(BookingStatusSchema),
  /** Local dates in the expert's zone, both days included. */
  from: optionalFilter(DateSchema),
  to: optionalFilter(DateSchema),
  /** Admins only: one expert's bookings. An expert may name only their own. */
  expert: optionalFilter(ObjectIdSchema),
  page: queryInteger('Page', { fallback: 1 }),
});
export type ConsoleBookingsQuery = z.infer<typeof ConsoleBookingsQuerySchema>;

/** What a person may do with a row now; the service decides, and checks again on submit. */
export const CONSOLE_INTENTS = ['confirm', 'complete', 'cancel'] as const;
export type ConsoleIntent = (typeof CONSOLE_INTENTS)[number];

const bookingId = z.string({ error: 'Choose a booking.' });

/** One row's form: its button names the intent; cancelling asks why. */
export const ConsoleActionSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('confirm'), bookingId }),
    z.object({ intent: z.literal('complete'), bookingId }),
    z.object({
      intent: z.literal('cancel'),
      bookingId,
      // As LF, a line break counts once, as in the textarea's maxlength.
      reason: requiredText('Reason', {
        max: 500,
        lines: 'many',
        required: 'Say why the session is cancelled: the client reads it.',
      }),
    }),
  ],
  { error: `Intent must be one of: ${CONSOLE_INTENTS.join(', ')}.` },
);
export type ConsoleAction = z.infer<typeof ConsoleActionSchema>;

export type ConsoleBooking = Booking & {
  actions: ConsoleIntent[];
  /** The session's start has passed: the table lists these after the coming ones. */
  started: boolean;
  /**
   * Made before bookings held their time, it shares time with an older booking: people must
   * decide which to move or cancel.
   */
  overlapsAnother: boolean;
};

export interface ConsoleBookingsPage {
  bookings: ConsoleBooking[];
  /** The filters as applied, defaults filled in. */
  filters: { status?: string; from: string; to: string; expert?: string };
  /** The zone `from` and `to` were read in when the URL named no range. */
  timezone: string;
  /**
   * `total` is null when it is not known (an admin's view of every expert reads only as far as
   * the page needs); `totalPages` then counts the pages known so far.
   */
  pagination: { page: number; limit: number; total: number | null; totalPages: number };
  /** Admins only: every expert, for the filter. */
  experts?: { id: string; name: string }[];
}

/** What a row's form answers: said next to the row, and in the page's live region. */
export interface ConsoleActionResult {
  bookingId: string;
  ok: boolean;
  message: string;
}
