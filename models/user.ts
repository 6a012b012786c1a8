import mongoose, { type InferSchemaType } from 'mongoose';

import { queryGuardPlugin } from './query-guard';

/** Who may sign in to the console; kept here too, as models import nothing from app/. */
export const USER_ROLES = ['admin', 'expert'] as const;

const userSchema = new mongoose.Schema(
  {
    /** Lower-cased and trimmed on every write, so equality lookups are case-insensitive. */
    email: { type: String, required: true, lowercase: true, trim: true },
    name: { type: String, required: true, trim: true },
    role: { type: String, enum: USER_ROLES, required: true },
    /** The expert profile this login works for; set exactly when `role` is `expert`. */
    expertId: { type: mongoose.Schema.Types.ObjectId, ref: 'Expert' },
    /** Self-describing scrypt string (server/auth/password.ts); never the password itself. */
    passwordHash: { type: String, required: true },
    /**
     * Sessions signed in before this instant are over. Signing out sets it: a session cookie
     * cannot be taken back from the browser, so the account remembers instead.
     */
    sessionsValidFrom: { type: Date },
  },
  { timestamps: true, autoIndex: false },
);

userSchema.index({ email: 1 }, { unique: true });
userSchema.index({ expertId: 1 });

userSchema.plugin(queryGuardPlugin);

export type UserDocument = InferSchemaType<typeof userSchema> & { _id: mongoose.Types.ObjectId };

export const UserModel = mongoose.model('User', userSchema);
