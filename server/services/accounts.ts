import { setTimeout as sleep } from 'node:timers/promises';

import mongoose from 'mongoose';

import type { Role, SessionUser } from '../../app/schemas/user';
import { ExpertModel, UserModel } from '../../models';
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from '../auth/password';
import { NotFoundError, ValidationError } from '../errors';
import type { Clock } from './experts';
import {
  createSignInLimits,
  signInKeys,
  type SignInLimitRules,
  type SignInLimitsService,
} from './sign-in-limits';

/** Every failed attempt waits this long before its answer: guessing gets slower still. */
export const FAILED_SIGN_IN_DELAY_MS = 250;

export type SignInResult =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: 'credentials' }
  | { ok: false; reason: 'limited'; retryAfterMinutes: number };

export interface SaveUserInput {
  email: string;
  name: string;
  role: Role;
  /** Required for an expert, ignored for an admin. */
  expertId?: string;
  password: string;
}

export type AccountsService = ReturnType<typeof createAccountsService>;

function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Accounts of the console: who may sign in, with which password, and how often they may fail.
 * Lookups are top-level equality on `email` or `_id`, the queries FerretDB pushes down.
 */
export function createAccountsService({
  clock,
  signInLimits = {},
}: {
  clock: Clock;
  signInLimits?: { rules?: SignInLimitRules; failureDelayMs?: number };
}) {
  const limits: SignInLimitsService = createSignInLimits({ rules: signInLimits.rules, clock });
  const failureDelayMs = signInLimits.failureDelayMs ?? FAILED_SIGN_IN_DELAY_MS;

  /**
   * The user as the pages see it, or null when the account or its expert profile is gone, or
   * when the session began (`signedInAt`) before the account last signed out.
   */
  async function findSessionUser(id: string, signedInAt?: Date): Promise<SessionUser | null> {
    if (!mongoose.isValidObjectId(id)) return null;
    const user = await UserModel.findById(id).lean();
    if (!user) return null;
    if (signedInAt && user.sessionsValidFrom && signedInAt < user.sessionsValidFrom) return null;
    if (user.role === 'admin') {
      return { id: user._id.toString(), email: user.email, name: user.name, role: 'admin' };
    }
    if (!user.expertId) return null;
    const expert = await ExpertModel.findById(user.expertId, { name: 1 }).lean();
    if (!expert) return null;
    return {
      id: user._id.toString(),
      email: user.email,
      // The profile's name, which an admin may edit, rather than a copy taken at sign-up.
      name: expert.name,
      role: 'expert',
      expertId: expert._id.toString(),
    };
  }

  async function failed<Result extends SignInResult>(result: Result): Promise<Result> {
    await sleep(failureDelayMs);
    return result;
  }

  return {
    findSessionUser,

    /**
     * Checks an email and password. Over a limit, the password is not even checked. An unknown
     * email costs a hash like a known one, and every failure reads the same to the caller.
     */
    async signIn(input: { email: string; password: string; ip: string }): Promise<SignInResult> {
      const email = normaliseEmail(input.email);
      const keys = signInKeys({ email, ip: input.ip });
      const waitMs = await limits.waitMs(keys);
      if (waitMs > 0) {
        return failed({
          ok: false,
          reason: 'limited',
          retryAfterMinutes: Math.max(1, Math.ceil(waitMs / 60_000)),
        });
      }
      const user = await UserModel.findOne({ email }).lean();
      const matches = await verifyPassword(
        input.password,
        user?.passwordHash ?? (await dummyPasswordHash()),
      );
      const sessionUser = user && matches ? await findSessionUser(user._id.toString()) : null;
      if (!sessionUser || !user) {
        await limits.recordFailure(keys);
        return failed({ ok: false, reason: 'credentials' });
      }
      await limits.reset(keys[0]!);
      if (needsRehash(user.passwordHash)) {
        await UserModel.updateOne(
          { _id: user._id },
          { $set: { passwordHash: await hashPassword(input.password) } },
        );
      }
      return { ok: true, user: sessionUser };
    },

    /** Creates the account of `email`, or updates it in place (the seed runs again and again). */
    async saveUser(input: SaveUserInput): Promise<SessionUser> {
      const email = normaliseEmail(input.email);
      if (input.role === 'expert' && !input.expertId) {
        throw new ValidationError({ expertId: 'An expert login needs the expert it works for.' });
      }
      const expertId =
        input.role === 'expert' ? new mongoose.Types.ObjectId(input.expertId) : undefined;
      const fields = {
        email,
        name: input.name,
        role: input.role,
        passwordHash: await hashPassword(input.password),
      };
      const saved = await UserModel.findOneAndUpdate(
        { email },
        expertId ? { $set: { ...fields, expertId } } : { $set: fields, $unset: { expertId: 1 } },
        { upsert: true, new: true, runValidators: true, setDefaultsOnInsert: true },
      ).lean();
      const user = await findSessionUser(saved._id.toString());
      if (!user) throw new NotFoundError('expert');
      return user;
    },

    /** Ends every session of the account signed in until now (signing out). */
    async endSessions(id: string): Promise<void> {
      if (!mongoose.isValidObjectId(id)) return;
      await UserModel.updateOne({ _id: id }, { $set: { sessionsValidFrom: clock() } });
    },
  };
}
