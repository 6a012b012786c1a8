import mongoose from 'mongoose';

/**
 * One attempt at sending one outbox message, owned by one worker. The `_id` is
 * `<messageId>#<attempt>`, so the database's unique `_id` decides which of several workers that
 * saw the same message gets to send it: FerretDB evaluates the filter of a conditional update in
 * its own process before writing, so two racing updates could both "win", while two inserts of
 * one `_id` never can. See docs/decisions/007-mail-outbox.md.
 */
const outboxClaimSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    owner: { type: String, required: true },
    leaseUntil: { type: Date, required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false }, autoIndex: false },
);

export type OutboxClaimDocument = mongoose.InferSchemaType<typeof outboxClaimSchema>;

export const OutboxClaimModel = mongoose.model('OutboxClaim', outboxClaimSchema);
