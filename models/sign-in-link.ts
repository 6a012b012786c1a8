import mongoose from 'mongoose';

import { queryGuardPlugin } from './query-guard';

/**
 * A one-time sign-in link e-mailed to an account's owner. The link carries `<_id>.<secret>`: the
 * `_id` finds the document, and only the SHA-256 of the secret is stored, compared in constant
 * time. Deleted when it is used (the delete that removes it is the one that may sign in), so it
 * works once.
 */
const signInLinkSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    secretHash: { type: String, required: true },
    userId: { type: mongoose.Schema.Types.ObjectId, required: true },
    expiresAt: { type: Date, required: true },
  },
  { autoIndex: false, versionKey: false },
);

signInLinkSchema.index({ userId: 1 });

signInLinkSchema.plugin(queryGuardPlugin);

export const SignInLinkModel = mongoose.model('SignInLink', signInLinkSchema);
