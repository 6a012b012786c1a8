import mongoose from 'mongoose';

import { queryGuardPlugin } from './query-guard';

/**
 * What one browser has proven about bookings: an address (it opened a list link mailed there) or
 * one booking (it made it, or opened its private link). `browser` is the SHA-256 of the random
 * token in that browser's cookie; the `_id` hashes the browser with what was proven, so proving
 * the same thing twice stores it once.
 */
const bookingBrowserProofSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    browser: { type: String, required: true },
    email: { type: String },
    bookingId: { type: mongoose.Schema.Types.ObjectId },
    expiresAt: { type: Date, required: true },
  },
  { autoIndex: false, versionKey: false },
);

// A browser's proofs are read by this equality on every visit to its bookings list.
bookingBrowserProofSchema.index({ browser: 1 });

bookingBrowserProofSchema.plugin(queryGuardPlugin);

export const BookingBrowserProofModel = mongoose.model(
  'BookingBrowserProof',
  bookingBrowserProofSchema,
);
