import mongoose from 'mongoose';

import { queryGuardPlugin } from './query-guard';

/**
 * Failed sign-ins of one account or one address in the current window. The `_id` is the key
 * (`email:<address>` or `ip:<address>`), so every read is an `_id` lookup, the one query FerretDB
 * answers without decoding the collection, and every instance counts on the same document.
 */
const signInAttemptSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    failures: { type: Number, required: true },
    /** When this window's count stops mattering. */
    resetAt: { type: Date, required: true },
  },
  { autoIndex: false, versionKey: false },
);

signInAttemptSchema.plugin(queryGuardPlugin);

export type SignInAttemptDocument = mongoose.InferSchemaType<typeof signInAttemptSchema>;

export const SignInAttemptModel = mongoose.model('SignInAttempt', signInAttemptSchema);
