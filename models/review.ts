import mongoose from 'mongoose';

import { queryGuardPlugin } from './query-guard';
import type { TimestampedDocument } from './timestamped-document';

/**
 * A client's review of a completed session. What the public sees is copied here when it is
 * written (the reviewer's first name and initial, the session's month), so listing reviews never
 * reads bookings, and nothing personal of the booking is kept.
 */
const reviewSchema = new mongoose.Schema(
  {
    /** One review per booking: the unique index below decides, also under a race. */
    bookingId: { type: mongoose.Schema.Types.ObjectId, required: true },
    expertId: { type: mongoose.Schema.Types.ObjectId, required: true },
    /** "Ada L.": the first name and the initial of the last. */
    author: { type: String, required: true },
    rating: { type: Number, required: true, min: 1, max: 5 },
    comment: { type: String, default: '' },
    /** `YYYY-MM` of the session, in the expert's zone. */
    sessionMonth: { type: String, required: true },
    /**
     * Whether the review is out of the list and the average. A top-level scalar that is never
     * missing, so the hot read `{ expertId, hidden: false }` is equality only (FerretDB pushes it
     * down).
     */
    hidden: { type: Boolean, required: true, default: false },
    hiddenReason: { type: String },
    hiddenAt: { type: Date },
    /**
     * False from the review's write (or its hiding) until the expert's sum and count include
     * it: a crash in between leaves a mark that start-up settles by counting that expert again.
     */
    counted: { type: Boolean, required: true, default: false },
    /** Whether the expert has replied: never missing, so "not yet" is an equality. */
    replied: { type: Boolean, required: true, default: false },
    reply: { type: String },
    repliedAt: { type: Date },
  },
  { timestamps: true, autoIndex: false },
);

reviewSchema.index({ bookingId: 1 }, { unique: true, name: 'one_review_per_booking' });
reviewSchema.index({ expertId: 1, hidden: 1, createdAt: -1 });
reviewSchema.index({ counted: 1 });

reviewSchema.plugin(queryGuardPlugin);

export type ReviewDocument = TimestampedDocument<typeof reviewSchema>;

export const ReviewModel = mongoose.model('Review', reviewSchema);
