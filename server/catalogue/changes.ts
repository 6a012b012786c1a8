import { z } from 'zod';

import { DateSchema, ObjectIdSchema, TimeSlotSchema } from '../../shared/schemas/fields';

const slotChange = <Type extends string>(type: Type) =>
  z.object({
    type: z.literal(type),
    expertId: ObjectIdSchema,
    date: DateSchema,
    timeSlot: TimeSlotSchema,
    bookingId: ObjectIdSchema,
    /** The time the booking holds (or held), as ISO instants. */
    heldFrom: z.iso.datetime(),
    heldUntil: z.iso.datetime(),
    /** Its seat of the expert's daily limit, when it holds one. */
    daySeat: z.string().optional(),
  });

/**
 * What the catalogue read models of every instance tell each other. Slot events carry the slot,
 * so they apply without a database read; the others name what to read again.
 */
export const CatalogueChangeSchema = z.discriminatedUnion('type', [
  slotChange('slot_booked'),
  /** A cancellation, or the old half of a reschedule. */
  slotChange('slot_released'),
  /** One expert's profile or availability changed (or it was removed). */
  z.object({ type: z.literal('expert_changed'), expertId: ObjectIdSchema }),
  /** Experts changed in ways not worth naming one by one (a seed run): rebuild. */
  z.object({ type: z.literal('catalogue_changed') }),
]);
export type CatalogueChange = z.infer<typeof CatalogueChangeSchema>;
export type SlotChange = Extract<CatalogueChange, { type: 'slot_booked' | 'slot_released' }>;

/** On the wire: the change and the instance that made it, which ignores its own echo. */
export const CatalogueMessageSchema = z.object({
  origin: z.string().min(1),
  change: CatalogueChangeSchema,
});

/** The Redis pub/sub channel every instance of this app listens on. */
export const CATALOGUE_CHANNEL = 'expert-booking:catalogue';
