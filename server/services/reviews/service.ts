import {
  HideReviewSchema,
  ReviewInputSchema,
  ReviewListQuerySchema,
  ReviewReplySchema,
  ratingOf,
  type ConsoleReview,
  type PublicReview,
  type ReviewPage,
} from '../../../shared/schemas/review';
import { announceExpertWrite, isDuplicateKeyError, runPastItsRequest } from '../../../models';
import type { Catalogue } from '../../catalogue/catalogue';
import {
  AlreadyReviewedError,
  ForbiddenError,
  NotFoundError,
  ReviewNotAllowedError,
} from '../../errors';
import type { Logger } from '../../logger';
import { parseOrThrow } from '../../validation';
import { actsFor, requireExpertAccess, type Actor } from '../actor';
import { findBooking } from '../bookings/booking-store';
import { requireAccess, type BookingAccess } from '../bookings/rules';
import type { Clock } from '../clock';
import type { ExpertsService } from '../experts';
import { requireObjectId } from '../object-id';
import {
  countReview,
  findReviewedExpert,
  findReview,
  findReviewOfBooking,
  insertReview,
  reviewsOf,
  writeHidden,
  writeReply,
  type StoredReview,
} from './review-store';

export type ReviewsService = ReturnType<typeof createReviewsService>;

/** "Ada L." of "Ada Lovelace"; a single name stays whole. */
export function authorOf(name: string): string {
  const [first = '', ...rest] = name.trim().split(/\s+/);
  const last = rest.at(-1);
  return last ? `${first} ${last.charAt(0).toUpperCase()}.` : first;
}

function toPublic(review: StoredReview): PublicReview {
  return {
    id: review._id.toString(),
    author: review.author,
    rating: review.rating,
    comment: review.comment ?? '',
    sessionMonth: review.sessionMonth,
    createdAt: review.createdAt.toISOString(),
    reply:
      review.replied && review.reply && review.repliedAt
        ? { text: review.reply, at: review.repliedAt.toISOString() }
        : null,
  };
}

function toConsole(review: StoredReview): ConsoleReview {
  return {
    ...toPublic(review),
    expertId: review.expertId.toString(),
    hidden:
      review.hidden && review.hiddenAt
        ? { reason: review.hiddenReason ?? '', at: review.hiddenAt.toISOString() }
        : null,
  };
}

/**
 * Verified reviews: only the client of a Completed booking, through its manage token, once per
 * booking (the database's unique index decides, so a race cannot make two). The expert's rating
 * is the mean of their visible reviews, kept as a sum and a count on the expert.
 */
export function createReviewsService({
  experts,
  catalogue,
  logger,
  clock,
}: {
  experts: Pick<ExpertsService, 'exists'>;
  /** Its revision of an expert tells when the expert's page's newest reviews must be read again. */
  catalogue: Pick<Catalogue, 'expert'>;
  logger: Logger;
  clock: Clock;
}) {
  /**
   * The newest reviews each expert's page shows, with the read model's revision of the expert
   * they were read at. Every write that changes them also writes the expert (its sum and count,
   * or an announced change for a reply), which gives the expert a new revision here and on the
   * other instances, so a page reads them again only after a change. Bounded by the catalogue.
   */
  const newestShown = new Map<
    string,
    { revision: number; rebuild: number; limit: number; reviews: PublicReview[] }
  >();

  /** Counts a review after its write; a failure leaves its mark for start-up to settle. */
  async function count(review: StoredReview): Promise<void> {
    try {
      await countReview(review);
    } catch (error) {
      logger.error({ err: error, reviewId: review._id.toString() }, 'review left uncounted');
    }
  }

  async function requireExpert(id: unknown): Promise<string> {
    const expertId = requireObjectId(id, 'expert');
    if (!(await experts.exists(expertId))) throw new NotFoundError('expert');
    return expertId;
  }

  async function pageOf(expertId: string, query: unknown): Promise<ReviewPage> {
    const { page, limit } = parseOrThrow(ReviewListQuerySchema, query ?? {});
    const all = await reviewsOf(expertId, { includeHidden: false });
    const total = all.length;
    return {
      data: all.slice((page - 1) * limit, page * limit).map(toPublic),
      pagination: { page, limit, total, totalPages: Math.ceil(total / limit) },
    };
  }

  async function requireReview(id: unknown): Promise<StoredReview> {
    const review = await findReview(requireObjectId(id, 'review'));
    if (!review) throw new NotFoundError('review');
    return review;
  }

  return {
    /** The review of a booking, for its client, an admin or its expert; null when none. */
    async ofBooking(bookingId: unknown, access: BookingAccess): Promise<PublicReview | null> {
      const booking = await findBooking(requireObjectId(bookingId, 'booking'));
      if (!booking) throw new NotFoundError('booking');
      requireAccess(booking, access);
      const review = await findReviewOfBooking(booking._id);
      return review ? toPublic(review) : null;
    },

    async create(bookingId: unknown, input: unknown, access: BookingAccess): Promise<PublicReview> {
      const id = requireObjectId(bookingId, 'booking');
      const booking = await findBooking(id);
      if (!booking) throw new NotFoundError('booking');
      if (requireAccess(booking, access) !== 'client') {
        throw new ForbiddenError('Only the client who booked the session can review it.');
      }
      const { rating, comment } = parseOrThrow(ReviewInputSchema, input);
      if (booking.status !== 'Completed') {
        throw new ReviewNotAllowedError(
          `Only a completed session can be reviewed; this booking is ${booking.status}.`,
        );
      }
      // Written, it is counted in the expert's rating, whether or not its client still waits.
      return runPastItsRequest(async () => {
        let review: StoredReview;
        try {
          review = await insertReview(
            {
              bookingId: booking._id,
              expertId: booking.expertId,
              author: authorOf(booking.name),
              rating,
              comment: comment ?? '',
              sessionMonth: booking.month,
            },
            clock(),
          );
        } catch (error) {
          if (isDuplicateKeyError(error)) throw new AlreadyReviewedError();
          throw error;
        }
        await count(review);
        return toPublic(review);
      });
    },

    /** The expert page's newest visible reviews: from memory while the expert is unchanged. */
    async newestForExpertPage(expertId: string, limit: number): Promise<PublicReview[]> {
      const snapshot = catalogue.expert(expertId);
      const known = newestShown.get(expertId);
      if (
        known &&
        known.revision === snapshot?.revision &&
        known.rebuild === snapshot.rebuild &&
        known.limit === limit
      ) {
        return known.reviews;
      }
      const reviews = (await reviewsOf(expertId, { includeHidden: false }))
        .slice(0, limit)
        .map(toPublic);
      // An expert the read model does not hold (yet) has no revision to check against.
      if (snapshot) {
        const { revision, rebuild } = snapshot;
        newestShown.set(expertId, { revision, rebuild, limit, reviews });
      }
      return reviews;
    },

    /** A page of an expert's visible reviews, newest first. */
    async listForExpert(expertId: unknown, query: unknown): Promise<ReviewPage> {
      return pageOf(await requireExpert(expertId), query);
    },

    /** The same page with the expert's name and rating, for the page that lists them. */
    async pageForExpert(
      expertId: unknown,
      query: unknown,
    ): Promise<
      ReviewPage & {
        expert: { id: string; name: string; rating: number | null; reviewCount: number };
      }
    > {
      const id = requireObjectId(expertId, 'expert');
      const expert = await findReviewedExpert(id);
      if (!expert) throw new NotFoundError('expert');
      return {
        expert: {
          id,
          name: expert.name,
          rating: ratingOf(expert.reviewSum, expert.reviewCount),
          reviewCount: expert.reviewCount,
        },
        ...(await pageOf(id, query)),
      };
    },

    /** Every review of an expert, hidden ones too, newest first: the console's view. */
    async listForConsole(
      actor: Actor,
      expertId: unknown,
    ): Promise<{ expert: { id: string; name: string }; reviews: ConsoleReview[] }> {
      const id = requireObjectId(expertId, 'expert');
      requireExpertAccess(actor, id);
      const expert = await findReviewedExpert(id);
      if (!expert) throw new NotFoundError('expert');
      const reviews = await reviewsOf(id, { includeHidden: true });
      return { expert: { id, name: expert.name }, reviews: reviews.map(toConsole) };
    },

    /** The expert's one public reply (an admin may give it too). */
    async reply(actor: Actor, reviewId: unknown, input: unknown): Promise<ConsoleReview> {
      const review = await requireReview(reviewId);
      // Another expert's review is not there for this one: "no review", as for an unknown id.
      if (!actsFor(actor, review.expertId.toString())) throw new NotFoundError('review');
      const { reply } = parseOrThrow(ReviewReplySchema, input);
      const written = await writeReply(review._id, reply, clock());
      if (!written) throw new ReviewNotAllowedError('This review already has its reply.');
      // The reply shows on the expert's page: its read models, here and elsewhere, move on.
      await announceExpertWrite({ kind: 'one', expertId: written.expertId.toString() });
      return toConsole(written);
    },

    /** An admin hides a review with a reason: it stays stored, out of the list and the mean. */
    async hide(actor: Actor, reviewId: unknown, input: unknown): Promise<ConsoleReview> {
      if (actor.role !== 'admin') throw new ForbiddenError('Only an admin can hide a review.');
      const review = await requireReview(reviewId);
      const { reason } = parseOrThrow(HideReviewSchema, input);
      return runPastItsRequest(async () => {
        const written = await writeHidden(review._id, reason, clock());
        // Hidden already (a second click): the review as it is.
        if (!written) return toConsole(await requireReview(reviewId));
        await count(written);
        return toConsole(written);
      });
    },
  };
}
