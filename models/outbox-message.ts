import mongoose from 'mongoose';

import type { TimestampedDocument } from './timestamped-document';

export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

const attachmentSchema = new mongoose.Schema(
  {
    filename: { type: String, required: true },
    contentType: { type: String, required: true },
    content: { type: String, required: true },
  },
  { _id: false },
);

/**
 * An e-mail waiting to be sent, being sent, or done. It is stored complete (recipient, subject,
 * bodies, attachments), so the worker can send it without the booking it came from.
 */
const outboxMessageSchema = new mongoose.Schema(
  {
    status: { type: String, required: true, enum: OUTBOX_STATUSES, default: 'queued' },
    to: { type: String, required: true },
    subject: { type: String, required: true },
    text: { type: String, required: true },
    html: { type: String },
    attachments: { type: [attachmentSchema], default: [] },
    /** Claims made so far; the next claim is number `attempts + 1`. */
    attempts: { type: Number, required: true, default: 0 },
    /** Not to be tried before this instant (backoff after a failure). */
    nextAttemptAt: { type: Date, required: true },
    /** The worker sending it and until when its claim holds; expired, another worker retries. */
    leaseOwner: { type: String },
    leaseUntil: { type: Date },
    lastError: { type: String },
    sentAt: { type: Date },
    /**
     * What the message is about, for whoever wants to hear how it ended (a reminder records
     * `sent` or `failed`): `reminder|<bookingId>|<kind>|<sendAt>`. Absent on other mails.
     */
    topic: { type: String },
  },
  { timestamps: true, autoIndex: false },
);

// The worker polls by status (an equality FerretDB pushes down); on MongoDB this index serves it.
outboxMessageSchema.index({ status: 1 });

export type OutboxMessageDocument = TimestampedDocument<typeof outboxMessageSchema>;

export const OutboxMessageModel = mongoose.model('OutboxMessage', outboxMessageSchema);
