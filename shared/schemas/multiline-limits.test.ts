import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';

import { VALID_CONTACT, VALID_PROFILE } from '../../test/support/valid-inputs';
import { BookingContactSchema } from './booking';
import { CancelBookingSchema } from './booking-record';
import { ConsoleActionSchema } from './console-bookings';
import { ExpertProfileSchema } from './expert-profile';
import { ReviewInputSchema, ReviewReplySchema } from './review';

/**
 * A textarea's maxlength counts a line break once, but a form sends each as CRLF: every field of
 * several lines must count its limit after the breaks become LF, or text a person could type is
 * refused.
 */

const FIELDS = [
  { field: 'notes', max: 1000, schema: BookingContactSchema, around: VALID_CONTACT },
  { field: 'bio', max: 2000, schema: ExpertProfileSchema, around: VALID_PROFILE },
  { field: 'comment', max: 1000, schema: ReviewInputSchema, around: { rating: 4 } },
  { field: 'reply', max: 1000, schema: ReviewReplySchema, around: {} },
  { field: 'reason', max: 500, schema: CancelBookingSchema, around: {} },
  {
    field: 'reason',
    max: 500,
    schema: ConsoleActionSchema,
    around: { intent: 'cancel', bookingId: '665f1c2e9b1e8a3d4c5b6a79' },
  },
] as const;

/** `length` characters as typed, with three line breaks, each sent as CRLF. */
function sentAsForm(length: number): string {
  return `${'a'.repeat(length - 6)}\r\nb\r\nc\r\nd`;
}

describe.each(FIELDS)('$field of $max characters', ({ field, max, schema, around }) => {
  it('takes the limit typed with line breaks, though sent with CRLF', () => {
    const parsed = z.parse(schema, { ...around, [field]: sentAsForm(max) }) as Record<
      string,
      unknown
    >;
    expect(parsed[field]).toBe(sentAsForm(max).replace(/\r\n/g, '\n'));
    expect(parsed[field]).toHaveLength(max);
  });

  it('refuses one character more', () => {
    const result = z.safeParse(schema, { ...around, [field]: sentAsForm(max + 1) });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toContainEqual(
      expect.stringMatching(new RegExp(`at most ${max} characters`)),
    );
  });
});
