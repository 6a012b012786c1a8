import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import mongoose from 'mongoose';

import type { Role, SessionUser } from '../../shared/schemas/user';
import { ExpertModel, SignInLinkModel, UserModel } from '../../models';
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from '../auth/password';
import { NotFoundError, ValidationError } from '../errors';
import type { Clock } from './clock';
import {
  createSignInLimits,
  signInKeys,
  type SignInLimitRules,
  type SignInLimitsService,
} from './sign-in-limits';

/** Every failed attempt waits this long before its answer: guessing gets slower still. */
export const FAILED_SIGN_IN_DELAY_MS = 250;

/** How long an e-mailed sign-in link works: long enough to open the mail, short if it leaks. */
export const SIGN_IN_LINK_MINUTES = 15;

/**
 * Sign-in links an account may be sent within one link's lifetime, whoever asks: a mailbox is not
 * a target. The cap's window is the lifetime, so whenever it refuses, a link sent within it still
 * works and is in the owner's mailbox: strangers asking for links cannot keep the owner from one
 * (with an hour's window, three asked for at :00 expired at :15 and the owner's own request was
 * refused until :60).
 */
export const SIGN_IN_LINKS_PER_LIFETIME = 3;

/**
 * The least time a request for a sign-in link takes to answer, account or none: finding the
 * account, taking a seat and storing the link and its mail took 22 ms median against 5 ms for an
 * address without an account (measured over HTTP on FerretDB), which told strangers who has one.
 */
export const SIGN_IN_LINK_ANSWER_FLOOR_MS = 250;

/** How the accounts service sends a sign-in link; the mail module makes `path` absolute. */
export interface SignInLinkMail {
  signInLink(to: string, path: string, validMinutes: number): Promise<void>;
}

const noSignInLinkMail: SignInLinkMail = { signInLink: async () => {} };

function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

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
  mail = noSignInLinkMail,
}: {
  clock: Clock;
  signInLimits?: { rules?: SignInLimitRules; failureDelayMs?: number; linkFloorMs?: number };
  /** Where one-time sign-in links go; nowhere when absent. */
  mail?: SignInLinkMail;
}) {
  const limits: SignInLimitsService = createSignInLimits({ rules: signInLimits.rules, clock });
  const failureDelayMs = signInLimits.failureDelayMs ?? FAILED_SIGN_IN_DELAY_MS;
  const linkFloorMs = signInLimits.linkFloorMs ?? SIGN_IN_LINK_ANSWER_FLOOR_MS;

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

  /** Mails the account of `email`, if there is one, a sign-in link within the cap. */
  async function mailSignInLink(email: string): Promise<void> {
    const user = await UserModel.findOne({ email }, { _id: 1 }).lean();
    if (!user) return;
    const lifetimeMs = SIGN_IN_LINK_MINUTES * 60_000;
    if (!(await limits.allow(`link:${email}`, SIGN_IN_LINKS_PER_LIFETIME, lifetimeMs))) return;
    const id = randomBytes(12).toString('base64url');
    const secret = randomBytes(24).toString('base64url');
    await SignInLinkModel.create({
      _id: id,
      secretHash: sha256(secret).toString('hex'),
      userId: user._id,
      expiresAt: new Date(clock().getTime() + SIGN_IN_LINK_MINUTES * 60_000),
    });
    await mail.signInLink(
      email,
      `/login/link?token=${encodeURIComponent(`${id}.${secret}`)}`,
      SIGN_IN_LINK_MINUTES,
    );
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
      // Counted before the password is checked: parallel guesses cannot all slip in under it.
      const claim = await limits.claim(keys);
      if (!claim.ok) {
        return failed({
          ok: false,
          reason: 'limited',
          retryAfterMinutes: Math.max(1, Math.ceil(claim.waitMs / 60_000)),
        });
      }
      const user = await UserModel.findOne({ email }).lean();
      const matches = await verifyPassword(
        input.password,
        user?.passwordHash ?? (await dummyPasswordHash()),
      );
      const sessionUser = user && matches ? await findSessionUser(user._id.toString()) : null;
      if (!sessionUser || !user) return failed({ ok: false, reason: 'credentials' });
      await Promise.all([limits.reset(keys.account), claim.release()]);
      if (needsRehash(user.passwordHash)) {
        await UserModel.updateOne(
          { _id: user._id },
          { $set: { passwordHash: await hashPassword(input.password) } },
        );
      }
      return { ok: true, user: sessionUser };
    },

    /**
     * E-mails the account of `email` a one-time sign-in link, the way in when strangers have
     * used up its attempts: the link goes to the owner's mailbox only. Says nothing back, so
     * nobody learns whether an address has an account (and answers no sooner than its floor, so
     * its time says nothing either); a few links per link lifetime at most.
     */
    async sendSignInLink(input: { email: string }): Promise<void> {
      const started = performance.now();
      try {
        await mailSignInLink(normaliseEmail(input.email));
      } finally {
        await sleep(Math.max(0, started + linkFloorMs - performance.now()));
      }
    },

    /**
     * The user a sign-in link signs in, once: the link is deleted by the use that succeeds, and
     * with it the account's other links. Null for anything else (unknown, used, expired).
     * Sign-in limits do not apply: the link proves the mailbox, which guessing cannot.
     */
    async signInWithLink(token: string): Promise<SessionUser | null> {
      const [id, secret, ...rest] = token.split('.');
      if (!id || !secret || rest.length > 0) return null;
      const link = await SignInLinkModel.findById(id).lean();
      if (!link) return null;
      const stored = Buffer.from(link.secretHash, 'hex');
      const given = sha256(secret);
      if (stored.length !== given.length || !timingSafeEqual(stored, given)) return null;
      // Of two uses at once, only the one whose delete removed the link goes on.
      const { deletedCount } = await SignInLinkModel.deleteOne({ _id: id });
      if (deletedCount !== 1 || link.expiresAt <= clock()) return null;
      await SignInLinkModel.deleteMany({ userId: link.userId });
      return findSessionUser(link.userId.toString());
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
