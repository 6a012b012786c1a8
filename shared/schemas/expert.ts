import * as z from 'zod/mini';

import { minutesOfDay, TimeZoneSchema } from './availability';
import { UNAVAILABLE_REASONS } from './slot-reasons';
import { EXPERT_CATEGORIES } from './expert-categories';
import { DateSchema, queryInteger, singleLine, TimeSlotSchema } from './fields';

export { EXPERT_CATEGORIES };

export const ExpertCategorySchema = z.enum(EXPERT_CATEGORIES, {
  error: `Category must be one of: ${EXPERT_CATEGORIES.join(', ')}.`,
});
export type ExpertCategory = z.infer<typeof ExpertCategorySchema>;

export const EXPERTS_PAGE_SIZE = { default: 10, max: 50 } as const;

/** The list's orders besides the default (rating, then name). */
export const EXPERT_SORTS = ['nextAvailable', 'rating', 'experience'] as const;
export type ExpertSort = (typeof EXPERT_SORTS)[number];

/** The viewer's zone a list query assumes without `tz`. */
export const DEFAULT_LIST_ZONE = 'UTC';

/** The parts of the day a person can pick on the list page, in the viewer's zone. */
export const PARTS_OF_DAY = {
  morning: { label: 'Morning (06:00–12:00)', from: '06:00', to: '12:00' },
  afternoon: { label: 'Afternoon (12:00–17:00)', from: '12:00', to: '17:00' },
  evening: { label: 'Evening (17:00–24:00)', from: '17:00', to: '24:00' },
} as const;
export type PartOfDay = keyof typeof PARTS_OF_DAY;
const PARTS_OF_DAY_NAMES = Object.keys(PARTS_OF_DAY) as [PartOfDay, ...PartOfDay[]];

/** An empty query value (a form's untouched field) counts as not given. */
function emptyAsAbsent<Output>(schema: z.ZodMiniType<Output, string>, error?: string) {
  return z.pipe(
    // The value itself first: most requests that carry the field fill it.
    z.optional(z.union([schema, z.literal('')], error === undefined ? undefined : { error })),
    z.transform((value): Output | undefined => (value === '' ? undefined : value)),
  );
}

const LIST_TIME = /^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/;

/** `HH:MM` of the viewer's day for the list's time-of-day filter; `24:00` is the day's end. */
function ListTimeSchema(label: string, meaning: string) {
  return z
    .string({ error: `${label} must be text like 17:00.` })
    .check(
      z.regex(
        /^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/,
        `${label} must be a time between 00:00 and 24:00, like 17:00.`,
      ),
      z.meta({ description: `HH:MM in the viewer's zone: ${meaning}.`, example: '17:00' }),
    );
}

export const ExpertListQuerySchema = z
  .object({
    page: queryInteger('Page', { fallback: 1 }),
    limit: queryInteger('Limit', {
      fallback: EXPERTS_PAGE_SIZE.default,
      max: EXPERTS_PAGE_SIZE.max,
    }),
    search: z.pipe(
      z.optional(
        z
          .string({ error: 'Search must be text.' })
          .check(
            z.trim(),
            singleLine('Search'),
            z.maxLength(100, 'Search must be at most 100 characters.'),
          ),
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
    availableOn: emptyAsAbsent(
      DateSchema.check(
        z.meta({
          description:
            "Only experts with a free slot (of their default length) starting on this day in the viewer's zone (`tz`).",
        }),
      ),
      'Free on must be a date like 2026-12-07.',
    ),
    tz: z.pipe(
      z.optional(TimeZoneSchema),
      z.transform((value) => value || DEFAULT_LIST_ZONE),
    ),
    part: emptyAsAbsent(
      z.enum(PARTS_OF_DAY_NAMES),
      `Part of the day must be one of: ${PARTS_OF_DAY_NAMES.join(', ')}.`,
    ),
    from: emptyAsAbsent(ListTimeSchema('From', 'the free slot starts at or after this time')),
    to: emptyAsAbsent(ListTimeSchema('To', 'the free slot starts before this time')),
    sort: emptyAsAbsent(z.enum(EXPERT_SORTS), `Sort must be one of: ${EXPERT_SORTS.join(', ')}.`),
  })
  .check(
    z.refine((query) => !(query.part && (query.from || query.to)), {
      message: 'Choose a part of the day or a from/to time, not both.',
      path: ['part'],
    }),
    z.refine((query) => query.availableOn || !(query.part || query.from || query.to), {
      message: 'Choose a day to narrow down by time of day.',
      path: ['availableOn'],
    }),
    z.refine(
      (query) => {
        const from = query.from ?? '00:00';
        const to = query.to ?? '24:00';
        // A malformed time has its own message.
        if (!LIST_TIME.test(from) || !LIST_TIME.test(to)) return true;
        return minutesOfDay(from) < minutesOfDay(to);
      },
      {
        message: 'To must be after from.',
        path: ['to'],
      },
    ),
  );
export type ExpertListQuery = z.infer<typeof ExpertListQuerySchema>;

/**
 * The stretch of the viewer's day a list query asks about, in minutes after the viewer's
 * midnight (the end excluded), or undefined when it asks about no day.
 */
export function askedTimeOfDay(
  query: Partial<Pick<ExpertListQuery, 'availableOn' | 'part' | 'from' | 'to'>>,
): { date: string; from: number; to: number } | undefined {
  if (!query.availableOn) return undefined;
  const part = query.part ? PARTS_OF_DAY[query.part] : undefined;
  const from = part?.from ?? query.from ?? '00:00';
  const to = part?.to ?? query.to ?? '24:00';
  return { date: query.availableOn, from: minutesOfDay(from), to: minutesOfDay(to) };
}

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

/**
 * What every answer about an expert starts with: who they are, and what the client reviews of
 * completed sessions say of them.
 */
const EXPERT_FIELDS = {
  id: z.string(),
  name: z.string(),
  category: ExpertCategorySchema,
  experience: z.number().check(z.int()),
  /** The mean of the expert's visible reviews, with one decimal; null while there are none. */
  rating: z.nullable(z.number()),
  /** How many visible reviews the mean is of. */
  reviewCount: z.number().check(z.int()),
};

export const ExpertSummarySchema = z.object({
  ...EXPERT_FIELDS,
  timezone: z.string(),
  nextAvailableSlot: z.nullable(z.omit(SlotSchema, { available: true, reason: true })),
});
export type ExpertSummary = z.infer<typeof ExpertSummarySchema>;

export const ExpertSchema = z.object({
  ...EXPERT_FIELDS,
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
