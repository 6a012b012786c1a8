import { isDuplicateKeyError, SignInAttemptModel } from '../../models';
import type { Clock } from './clock';

export interface SignInLimitRules {
  /** Attempts an account may have counted per window; the next ones are refused unchecked. */
  maxFailures: number;
  /** Attempts an address may have counted per window, whichever accounts they try. */
  maxFailuresPerAddress?: number;
  windowMs: number;
}

/** Ten failures per account, and apart per address, every fifteen minutes. */
export const SIGN_IN_LIMIT_RULES: SignInLimitRules = { maxFailures: 10, windowMs: 15 * 60_000 };

export interface SignInKeys {
  account: string;
  address: string;
}

/** The counters a sign-in attempt is held to: its account's and its address's. */
export function signInKeys({ email, ip }: { email: string; ip: string }): SignInKeys {
  return { account: `email:${email}`, address: `ip:${ip}` };
}

/** An attempt that holds a seat of each key; `release` gives the address's back. */
export type SignInClaim = { ok: true; release(): Promise<void> } | { ok: false; waitMs: number };

export type SignInLimitsService = ReturnType<typeof createSignInLimits>;

/**
 * Counts sign-in attempts per key before their password is checked, in seats stored in the
 * database so every instance shares them. An attempt takes the first free seat of its key by
 * inserting it: the `_id` is unique, so of 25 attempts at the same instant exactly as many as
 * there are seats get one, with no transaction and no read-then-write (FerretDB 1.24 has no
 * transactions, and evaluates a conditional update in its own process before writing). A seat
 * counts for `windowMs` after it was taken. A failure keeps its seats; a success frees them.
 */
export function createSignInLimits({
  rules = SIGN_IN_LIMIT_RULES,
  clock,
}: {
  rules?: SignInLimitRules;
  clock: Clock;
}) {
  const maxOf = (key: keyof SignInKeys) =>
    key === 'account' ? rules.maxFailures : (rules.maxFailuresPerAddress ?? rules.maxFailures);

  /** Takes a free seat of `key`: its `_id`, or how long until the first held one frees up. */
  async function takeSeat(
    key: string,
    max: number,
    windowMs = rules.windowMs,
  ): Promise<{ seat: string } | { waitMs: number }> {
    const now = clock();
    const held = new Map<string, Date>();
    for (const seat of await SignInAttemptModel.find({ key }, { until: 1 }).lean()) {
      held.set(seat._id, seat.until);
    }
    let soonest = Infinity;
    for (let n = 1; n <= max; n += 1) {
      const seat = `${key}#${n}`;
      const until = held.get(seat);
      if (until && until > now) {
        soonest = Math.min(soonest, until.getTime() - now.getTime());
        continue;
      }
      // Only the `until` read is deleted: a seat another attempt just took again stays its own.
      if (until) await SignInAttemptModel.deleteOne({ _id: seat, until });
      try {
        await SignInAttemptModel.create({
          _id: seat,
          key,
          until: new Date(now.getTime() + windowMs),
        });
        return { seat };
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        // Another attempt took it first; its seat counts for a full window from now.
        soonest = Math.min(soonest, windowMs);
      }
    }
    return { waitMs: Number.isFinite(soonest) ? soonest : windowMs };
  }

  return {
    /**
     * Counts an attempt against its address, then its account, before anything else happens.
     * Refused by its address, the account is not charged: one noisy address cannot use up an
     * account's seats by being refused.
     */
    async claim(keys: SignInKeys): Promise<SignInClaim> {
      const address = await takeSeat(keys.address, maxOf('address'));
      if (!('seat' in address)) return { ok: false, waitMs: address.waitMs };
      const account = await takeSeat(keys.account, maxOf('account'));
      if (!('seat' in account)) return { ok: false, waitMs: account.waitMs };
      return {
        ok: true,
        async release() {
          await SignInAttemptModel.deleteOne({ _id: address.seat });
        },
      };
    },

    /** Counts one use of `key` (at most `max` per `windowMs`): whether it is allowed. */
    async allow(key: string, max: number, windowMs: number): Promise<boolean> {
      return 'seat' in (await takeSeat(key, max, windowMs));
    },

    /** Frees every seat of `key` (the account after a successful sign-in). */
    async reset(key: string): Promise<void> {
      await SignInAttemptModel.deleteMany({ key });
    },
  };
}
