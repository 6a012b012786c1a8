import { z } from 'zod';

import { DateSchema, ObjectIdSchema, TimeSlotSchema } from '../../app/schemas/fields';

/**
 * What the catalogue read models of every instance tell each other. Slot events carry the slot,
 * so they apply without a database read; the others name what to read again. A cancellation
 * adds `slot_released` with the same shape as `slot_booked`.
 */
export const CatalogueChangeSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('slot_booked'),
    expertId: ObjectIdSchema,
    date: DateSchema,
    timeSlot: TimeSlotSchema,
  }),
  /** One expert's profile or availability changed (or it was removed). */
  z.object({ type: z.literal('expert_changed'), expertId: ObjectIdSchema }),
  /** Experts changed in ways not worth naming one by one (a seed run): rebuild. */
  z.object({ type: z.literal('catalogue_changed') }),
]);
export type CatalogueChange = z.infer<typeof CatalogueChangeSchema>;

/** On the wire: the change and the instance that made it, which ignores its own echo. */
export const CatalogueMessageSchema = z.object({
  origin: z.string().min(1),
  change: CatalogueChangeSchema,
});

/** The Redis pub/sub channel every instance of this app listens on. */
export const CATALOGUE_CHANNEL = 'expert-booking:catalogue';
