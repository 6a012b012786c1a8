import * as z from 'zod/mini';

import { PaginationSchema } from './expert';
import { multiline, ObjectIdSchema, queryInteger, requiredText } from './fields';

/**
 * Reviews of completed sessions: what a client sends (the booking page's form, its action and
 * `POST /api/bookings/:id/review` all parse with ReviewInputSchema), what the public reads, and
 * what the expert and an admin do to one.
 */

export const REVIEW_COMMENT_MAX = 1000;

export const ReviewInputSchema = z.object({
  rating: z
    .number({
      error: (issue) =>
        issue.input === undefined ? 'Rating is required.' : 'Rating must be a number.',
    })
    .check(
      z.int('Rating must be a whole number from 1 to 5.'),
      z.gte(1, 'Rating must be from 1 to 5.'),
      z.lte(5, 'Rating must be from 1 to 5.'),
    ),
  comment: z.optional(
    z.string({ error: 'Comment must be text.' }).check(
      z.trim(),
      // Line breaks first become LF, so one counts once, as in the textarea's maxlength,
      // though forms send each as CRLF.
      ...multiline('Comment'),
      z.maxLength(REVIEW_COMMENT_MAX, `Comment must be at most ${REVIEW_COMMENT_MAX} characters.`),
    ),
  ),
});
export type ReviewInput = z.infer<typeof ReviewInputSchema>;

export const ReviewReplySchema = z.object({
  reply: requiredText('Reply', { max: REVIEW_COMMENT_MAX, lines: 'many' }),
});
export type ReviewReplyInput = z.infer<typeof ReviewReplySchema>;

export const HideReviewSchema = z.object({
  reason: requiredText('Reason', { max: 500 }),
});
export type HideReviewInput = z.infer<typeof HideReviewSchema>;

/** The console's forms on a review: the expert's reply, an admin's hiding. */
export const ConsoleReviewFormSchema = z.discriminatedUnion('intent', [
  z.extend(ReviewReplySchema, { intent: z.literal('reply'), reviewId: ObjectIdSchema }),
  z.extend(HideReviewSchema, { intent: z.literal('hide'), reviewId: ObjectIdSchema }),
]);
export type ConsoleReviewForm = z.infer<typeof ConsoleReviewFormSchema>;

export const REVIEWS_PAGE_SIZE = { default: 10, max: 50 } as const;

export const ReviewListQuerySchema = z.object({
  page: queryInteger('Page', { fallback: 1 }),
  limit: queryInteger('Limit', { fallback: REVIEWS_PAGE_SIZE.default, max: REVIEWS_PAGE_SIZE.max }),
});
export type ReviewListQuery = z.infer<typeof ReviewListQuerySchema>;

/** A review as anyone may read it. */
export const PublicReviewSchema = z.object({
  id: z.string(),
  /** The reviewer's first name and the initial of the last: "Ada L.". */
  author: z.string(),
  rating: z.number().check(z.int()),
  comment: z.string(),
  /** `YYYY-MM`: the month of the session, in the expert's zone. */
  sessionMonth: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  /** The expert's public answer, once given. */
  reply: z.nullable(z.object({ text: z.string(), at: z.iso.datetime({ offset: true }) })),
});
export type PublicReview = z.infer<typeof PublicReviewSchema>;

/** A review as the expert's console and an admin see it: hidden ones too, with the reason. */
export const ConsoleReviewSchema = z.extend(PublicReviewSchema, {
  expertId: z.string(),
  hidden: z.nullable(z.object({ reason: z.string(), at: z.iso.datetime({ offset: true }) })),
});
export type ConsoleReview = z.infer<typeof ConsoleReviewSchema>;

export const ReviewPageSchema = z.object({
  data: z.array(PublicReviewSchema),
  pagination: PaginationSchema,
});
export type ReviewPage = z.infer<typeof ReviewPageSchema>;

/** Mean of the visible reviews with one decimal, or null with none. */
export function ratingOf(sum: number, count: number): number | null {
  return count > 0 ? Math.round((sum / count) * 10) / 10 : null;
}
