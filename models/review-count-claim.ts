import mongoose from 'mongoose';

import { queryGuardPlugin } from './query-guard';

/**
 * The right to recount one expert's reviews; its `_id` is the expert's id. It is held while a
 * recount reads the expert's visible reviews and writes their sum and count, so recounts of one
 * expert take turns in every process. Two that overlapped could let the one that read first
 * write last, and a review written in between would be left out of the count. Deleted when the
 * recount ends; one left by a process that died is taken over once old (as BookingChangeClaim:
 * an insert of one `_id` is the only write two racers cannot both win on FerretDB).
 */
const reviewCountClaimSchema = new mongoose.Schema(
  { _id: { type: String, required: true } },
  { timestamps: { createdAt: true, updatedAt: false }, autoIndex: false },
);
// A recount waiting its turn for a request gives up when the request does.
reviewCountClaimSchema.plugin(queryGuardPlugin);

export const ReviewCountClaimModel = mongoose.model('ReviewCountClaim', reviewCountClaimSchema);
