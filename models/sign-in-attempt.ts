import mongoose from 'mongoose';

import { queryGuardPlugin } from './query-guard';

/**
 * One sign-in attempt counted against a key (`email:<address>` or `ip:<address>`), taken before
 * the password is checked. The `_id` names the key's seat (`<key>#<n>`, n from 1 to the limit),
 * so the database lets only one attempt hold a seat, with no transaction and no conditional
 * update (neither is atomic on FerretDB 1.24): a key whose seats are all held is over its limit.
 * A seat whose `until` has passed is deleted by the next attempt that finds it, then taken again.
 */
const signInAttemptSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    /** The key this seat counts for: every read of a key is one equality FerretDB pushes down. */
    key: { type: String, required: true },
    /** When this attempt stops counting. */
    until: { type: Date, required: true },
  },
  { autoIndex: false, versionKey: false },
);

signInAttemptSchema.index({ key: 1 });

signInAttemptSchema.plugin(queryGuardPlugin);

export type SignInAttemptDocument = mongoose.InferSchemaType<typeof signInAttemptSchema>;

export const SignInAttemptModel = mongoose.model('SignInAttempt', signInAttemptSchema);
