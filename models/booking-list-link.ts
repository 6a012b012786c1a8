import mongoose from 'mongoose';

import { queryGuardPlugin } from './query-guard';

/**
 * A link e-mailed to an address that opens its bookings list: the `_id` is the SHA-256 of the
 * link's token (the token itself is never stored). Deleted when it is used, so it works once.
 */
const bookingListLinkSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    email: { type: String, required: true },
    expiresAt: { type: Date, required: true },
  },
  { autoIndex: false, versionKey: false },
);

bookingListLinkSchema.plugin(queryGuardPlugin);

export const BookingListLinkModel = mongoose.model('BookingListLink', bookingListLinkSchema);
