import * as z from 'zod/mini';

import { EmailSchema } from './booking';
import { CancelBookingSchema, ManageTokenSchema } from './booking-record';
import { SlotChoiceSchema } from './booking-form';
import { ReviewInputSchema } from './review';

/**
 * The forms of a booking's private page. Each carries the manage token (the page's key) and an
 * `intent` naming what its button does; reason, slot and review follow the JSON API's rules.
 */
export const ManageBookingFormSchema = z.discriminatedUnion('intent', [
  z.extend(CancelBookingSchema, {
    intent: z.literal('cancel'),
    token: ManageTokenSchema,
  }),
  z.object({
    intent: z.literal('reschedule'),
    token: ManageTokenSchema,
    slot: SlotChoiceSchema,
  }),
  z.extend(ReviewInputSchema, {
    intent: z.literal('review'),
    token: ManageTokenSchema,
  }),
]);
export type ManageBookingForm = z.infer<typeof ManageBookingFormSchema>;

/** The steps of the private page, each its own address so that it works without JavaScript. */
export const MANAGE_STEPS = ['cancel', 'reschedule', 'confirm-reschedule'] as const;
export type ManageStep = (typeof MANAGE_STEPS)[number];

export function isManageStep(value: unknown): value is ManageStep {
  return MANAGE_STEPS.includes(value as ManageStep);
}

/** "Send me my links" on the my-bookings page. */
export const SendLinksFormSchema = z.object({ email: EmailSchema });
