import * as z from 'zod/mini';

import { BookingContactSchema, IdempotencyKeySchema } from './booking';
import { DateSchema, TimeSlotSchema } from './fields';

const SLOT_REQUIRED = 'Time slot is required: choose one of the free slots.';

/** Reads back a slot's form value (see `slotChoiceValue`). */
export const SlotChoiceSchema = z.pipe(
  z.string({
    error: (issue) => (issue.input === undefined ? SLOT_REQUIRED : 'Time slot must be text.'),
  }),
  z.transform((value, ctx) => {
    const [date, timeSlot, ...rest] = value.split('T');
    const parsed = z
      .object({ date: DateSchema, timeSlot: TimeSlotSchema })
      .safeParse({ date, timeSlot });
    if (rest.length > 0 || !parsed.success) {
      // One message on the `slot` field itself: the person picked a radio, not a date and a time.
      ctx.issues.push({
        code: 'custom',
        message: 'Time slot must be one of the listed slots.',
        input: value,
      });
      return z.NEVER;
    }
    return parsed.data;
  }),
);

/**
 * The booking form on an expert's page: who is booking (the same rules as the JSON API), one
 * slot, and the attempt's idempotency key from a hidden field. The expert comes from the URL.
 * The key is optional as in the API: a request without one still books, just without the
 * protection against repeats.
 */
export const BookingFormSchema = z.extend(BookingContactSchema, {
  slot: SlotChoiceSchema,
  requestKey: z.optional(IdempotencyKeySchema),
});
export type BookingFormValue = z.infer<typeof BookingFormSchema>;
