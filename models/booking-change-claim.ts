import mongoose from 'mongoose';

/**
 * The right to change one booking from one revision (its history length): the `_id` is
 * `<bookingId>#<revision>`, so of several changes racing from the same state exactly one can
 * insert it. FerretDB evaluates a conditional update's filter in its own process before writing,
 * so two racing `findOneAndUpdate`s could both "win"; two inserts of one `_id` never can (the
 * outbox claims rely on the same; docs/decisions/008-cancellation-and-the-active-slot-key.md).
 * A claim whose change was written stays, so a late change from that revision can never claim
 * it again; one whose change failed is deleted.
 */
const bookingChangeClaimSchema = new mongoose.Schema(
  { _id: { type: String, required: true } },
  { timestamps: { createdAt: true, updatedAt: false }, autoIndex: false },
);

export const BookingChangeClaimModel = mongoose.model(
  'BookingChangeClaim',
  bookingChangeClaimSchema,
);
