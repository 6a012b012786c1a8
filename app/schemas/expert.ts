import { z } from 'zod';

import { DateSchema, queryInteger, TimeSlotSchema } from './fields';

export const EXPERT_CATEGORIES = [
  'Software Engineering',
  'Data Science',
  'Product Management',
  'Design',
  'Marketing',
  'Finance',
  'Legal',
  'Career Coaching',
] as const;

export const ExpertCategorySchema = z.enum(EXPERT_CATEGORIES, {
  error: `Category must be one of: ${EXPERT_CATEGORIES.join(', ')}.`,
});
export type ExpertCategory = z.infer<typeof ExpertCategorySchema>;

export const EXPERTS_PAGE_SIZE = { default: 10, max: 50 } as const;

export const ExpertListQuerySchema = z.object({
  page: queryInteger('Page', { fallback: 1 }),
  limit: queryInteger('Limit', { fallback: EXPERTS_PAGE_SIZE.default, max: EXPERTS_PAGE_SIZE.max }),
  search: z
    .string({ error: 'Search must be text.' })
    .trim()
    .max(100, 'Search must be at most 100 characters.')
    .optional()
    .transform((value) => value || undefined),
  category: z
    .union([z.literal(''), ExpertCategorySchema], {
      error: `Category must be one of: ${EXPERT_CATEGORIES.join(', ')}.`,
    })
    .optional()
    .transform((value) => value || undefined),
});
export type ExpertListQuery = z.infer<typeof ExpertListQuerySchema>;

export const SlotSchema = z.object({
  date: DateSchema,
  timeSlot: TimeSlotSchema,
  /** The slot's start as an ISO instant, so any viewer can show it in their own time zone. */
  startsAt: z.iso.datetime({ offset: true }),
  available: z.boolean(),
});
export type Slot = z.infer<typeof SlotSchema>;

export const ExpertSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  category: ExpertCategorySchema,
  experience: z.number().int(),
  rating: z.number(),
  timezone: z.string(),
  nextAvailableSlot: SlotSchema.omit({ available: true }).nullable(),
});
export type ExpertSummary = z.infer<typeof ExpertSummarySchema>;

export const ExpertSchema = z.object({
  id: z.string(),
  name: z.string(),
  category: ExpertCategorySchema,
  experience: z.number().int(),
  rating: z.number(),
  bio: z.string(),
  timezone: z.string(),
  slots: z.array(SlotSchema),
});
export type Expert = z.infer<typeof ExpertSchema>;

export const PaginationSchema = z.object({
  page: z.number().int(),
  limit: z.number().int(),
  total: z.number().int(),
  totalPages: z.number().int(),
});
export type Pagination = z.infer<typeof PaginationSchema>;
