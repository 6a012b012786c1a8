import { setTimeout as sleep } from 'node:timers/promises';

import type { Types } from 'mongoose';

import {
  ExpertModel,
  ReviewCountClaimModel,
  ReviewModel,
  takeClaim,
  type ReviewDocument,
} from '../../../models';

/**
 * Reviews as stored: the only module of the reviews service that touches the models. Reads are
 * top-level equalities (what FerretDB pushes down to SQL); an expert's sum and count are counted
 * again from its visible reviews when one is written or hidden, never on a request.
 */

export type StoredReview = ReviewDocument;

/** What a page of an expert's reviews says of the expert: one lookup by `_id`. */
export function findReviewedExpert(id: string) {
  return ExpertModel.findById(id, { name: 1, reviewSum: 1, reviewCount: 1 }).lean();
}

export function findReview(id: string | Types.ObjectId): Promise<StoredReview | null> {
  return ReviewModel.findById(id).lean<StoredReview>();
}

export function findReviewOfBooking(bookingId: Types.ObjectId): Promise<StoredReview | null> {
  return ReviewModel.findOne({ bookingId }).lean<StoredReview>();
}

/**
 * Stores a review, uncounted; the unique bookingId index refuses a second one. It is dated by the
 * app's clock (`at`), as everything else it is compared with is.
 */
export async function insertReview(
  review: {
    bookingId: Types.ObjectId;
    expertId: Types.ObjectId;
    author: string;
    rating: number;
    comment: string;
    sessionMonth: string;
  },
  at: Date,
): Promise<StoredReview> {
  const created = await ReviewModel.create({
    ...review,
    createdAt: at,
    hidden: false,
    counted: false,
    replied: false,
  });
  return created.toObject() as StoredReview;
}

/** The reviews of an expert, visible (or all), newest first; FerretDB cannot sort, so we do. */
export async function reviewsOf(
  expertId: string,
  { includeHidden }: { includeHidden: boolean },
): Promise<StoredReview[]> {
  const filter = includeHidden ? { expertId } : { expertId, hidden: false };
  const reviews = await ReviewModel.find(filter).lean<StoredReview[]>();
  return reviews.sort(
    (a, b) =>
      b.createdAt.getTime() - a.createdAt.getTime() ||
      b._id.toString().localeCompare(a._id.toString()),
  );
}

/**
 * Counts a written or hidden review into its expert's sum and count, then marks it counted. The
 * sum and count are counted again from the expert's visible reviews rather than changed by
 * `$inc`: FerretDB's updates are a read then a write (models/query-shapes.ts), so two increments
 * racing on one expert could lose one for good. Recounts of one expert take turns, so the last
 * one sees every review.
 */
export async function countReview(review: StoredReview): Promise<void> {
  await recountReviews(review.expertId);
  await ReviewModel.updateOne({ _id: review._id }, { $set: { counted: true } });
}

/**
 * Turns a review's `flag` on with the fields that go with it, once: one conditional update, so
 * of two racing changes only the first finds the flag still off; the other gets null.
 */
function setOnce(
  id: Types.ObjectId,
  flag: 'replied' | 'hidden',
  fields: Partial<StoredReview>,
): Promise<StoredReview | null> {
  return ReviewModel.findOneAndUpdate(
    { _id: id, [flag]: false },
    { $set: { [flag]: true, ...fields } },
    { new: true },
  ).lean<StoredReview>();
}

/** Sets the reply, once: only a review without one is changed. */
export function writeReply(id: Types.ObjectId, reply: string, at: Date) {
  return setOnce(id, 'replied', { reply, repliedAt: at });
}

/** Hides a visible review, uncounted until its expert's sum and count let it go. */
export function writeHidden(id: Types.ObjectId, reason: string, at: Date) {
  return setOnce(id, 'hidden', { hiddenReason: reason, hiddenAt: at, counted: false });
}

/** How old a recount claim must be to count as left by a process that died mid-recount. */
const STALE_RECOUNT_CLAIM_MS = 10_000;
/** The wait before asking again while another recount of the expert (two round trips) runs. */
const RECOUNT_WAIT_MS = 10;

/**
 * Sets an expert's sum and count from its visible reviews (a scan). It waits for any recount of
 * the expert already under way, in this process or another, and holds the expert's claim while
 * it reads and writes: so the last recount reads after every write that asked for one, and its
 * totals are the ones that stay.
 */
export async function recountReviews(expertId: Types.ObjectId): Promise<void> {
  const claimId = expertId.toString();
  while (!(await takeClaim(ReviewCountClaimModel, claimId, STALE_RECOUNT_CLAIM_MS))) {
    await sleep(RECOUNT_WAIT_MS);
  }
  try {
    const visible = await ReviewModel.find({ expertId, hidden: false }).lean<StoredReview[]>();
    await ExpertModel.updateOne(
      { _id: expertId },
      {
        $set: {
          reviewSum: visible.reduce((sum, review) => sum + review.rating, 0),
          reviewCount: visible.length,
        },
      },
    );
  } finally {
    await ReviewCountClaimModel.deleteOne({ _id: claimId });
  }
}

/**
 * Settles what a crash left between a review's write and its count: each expert with an
 * uncounted review gets its sum and count from its visible reviews, then the marks go. Run at
 * start-up; idempotent. Marks newer than `olderThan` may belong to a write another instance is
 * making right now, which counts its review itself.
 */
export async function settleUncountedReviews(olderThan: Date): Promise<number> {
  const uncounted = (await ReviewModel.find({ counted: false }).lean<StoredReview[]>()).filter(
    (review) => review.updatedAt < olderThan,
  );
  const experts = new Map(uncounted.map((review) => [review.expertId.toString(), review.expertId]));
  for (const expertId of experts.values()) await recountReviews(expertId);
  for (const review of uncounted) {
    await ReviewModel.updateOne({ _id: review._id }, { $set: { counted: true } });
  }
  return experts.size;
}
