import * as z from 'zod/mini';

import { UNAVAILABLE_REASONS } from './slot-reasons';
import { EXPERT_CATEGORIES } from './expert-categories';
import { DateSchema, queryInteger, TimeSlotSchema } from './fields';

export { EXPERT_CATEGORIES };

export const ExpertCategorySchema = z.enum(EXPERT_CATEGORIES, {
  error: `Category must be one of: ${EXPERT_CATEGORIES.join(', ')}.`,
});
export type ExpertCategory = z.infer<typeof ExpertCategorySchema>;

export const EXPERTS_PAGE_SIZE = { default: 10, max: 50 } as const;

export const ExpertListQuerySchema = z.object({
  page: queryInteger('Page', { fallback: 1 }),
  limit: queryInteger('Limit', { fallback: EXPERTS_PAGE_SIZE.default, max: EXPERTS_PAGE_SIZE.max }),
  search: z.pipe(
    z.optional(
      z
        .string({ error: 'Search must be text.' })
        .check(z.trim(), z.maxLength(100, 'Search must be at most 100 characters.')),
    ),
    z.transform((value) => value || undefined),
  ),
  category: z.pipe(
    z.optional(
      z.union([z.literal(''), ExpertCategorySchema], {
        error: `Category must be one of: ${EXPERT_CATEGORIES.join(', ')}.`,
      }),
    ),
    z.transform((value) => value || undefined),
  ),
});
export type ExpertListQuery = z.infer<typeof ExpertListQuerySchema>;

export const SlotSchema = z.object({
  date: DateSchema,
  timeSlot: TimeSlotSchema,
  /** The slot's start as an ISO instant, so any viewer can show it in their own time zone. */
  startsAt: z.iso.datetime({ offset: true }),
  available: z.boolean(),
  /** Why an unavailable slot cannot be booked; absent on a free one. */
  reason: z.optional(z.enum(UNAVAILABLE_REASONS)),
});
export type Slot = z.infer<typeof SlotSchema>;

export const ExpertSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  category: ExpertCategorySchema,
  experience: z.number().check(z.int()),
  rating: z.number(),
  timezone: z.string(),
  nextAvailableSlot: z.nullable(z.omit(SlotSchema, { available: true, reason: true })),
});
export type ExpertSummary = z.infer<typeof ExpertSummarySchema>;

export const ExpertSchema = z.object({
  id: z.string(),
  name: z.string(),
  category: ExpertCategorySchema,
  experience: z.number().check(z.int()),
  rating: z.number(),
  bio: z.string(),
  timezone: z.string(),
  /** The local days the slots cover, and the bookable range (today to the horizon). */
  window: z.object({
    from: DateSchema,
    days: z.number(),
    today: DateSchema,
    lastDay: DateSchema,
    /** The length whose slots are listed, and every length the expert offers (default first). */
    sessionMinutes: z.number(),
    sessionLengths: z.array(z.number()),
  }),
  /** How long before a session its client can no longer cancel or move it; 0 = any time. */
  cancellationNoticeMinutes: z.number().check(z.int()),
  slots: z.array(SlotSchema),
});
export type Expert = z.infer<typeof ExpertSchema>;

export const PaginationSchema = z.object({
  page: z.number().check(z.int()),
  limit: z.number().check(z.int()),
  total: z.number().check(z.int()),
  totalPages: z.number().check(z.int()),
});
export type Pagination = z.infer<typeof PaginationSchema>;
