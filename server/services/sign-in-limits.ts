import { SignInAttemptModel } from '../../models';
import type { Clock } from './experts';

export interface SignInLimitRules {
  /** Failed attempts a key may make per window; the next ones are refused unchecked. */
  maxFailures: number;
  windowMs: number;
}

/** Ten failures per account, and apart per address, every fifteen minutes. */
export const SIGN_IN_LIMIT_RULES: SignInLimitRules = { maxFailures: 10, windowMs: 15 * 60_000 };

/** The counters a sign-in attempt is held to: its account's and its address's. */
export function signInKeys({ email, ip }: { email: string; ip: string }): string[] {
  return [`email:${email}`, `ip:${ip}`];
}

export type SignInLimitsService = ReturnType<typeof createSignInLimits>;

/**
 * Counts failed sign-ins per key in fixed windows stored in the database, so every instance
 * shares them. FerretDB evaluates an update's filter and `$inc` in its own process before
 * writing, so two failures landing at the same instant may count as one: the limit is
 * approximate by a request or two, which is fine for slowing guessing down
 * (docs/decisions/009-accounts-and-sessions.md).
 */
export function createSignInLimits({
  rules = SIGN_IN_LIMIT_RULES,
  clock,
}: {
  rules?: SignInLimitRules;
  clock: Clock;
}) {
  const read = (key: string) => SignInAttemptModel.findById(key).lean();

  return {
    /** How long until every key is allowed again; 0 when none is over its limit. */
    async waitMs(keys: readonly string[]): Promise<number> {
      const now = clock().getTime();
      const counters = await Promise.all(keys.map(read));
      let wait = 0;
      for (const counter of counters) {
        if (!counter || counter.failures < rules.maxFailures) continue;
        wait = Math.max(wait, counter.resetAt.getTime() - now);
      }
      return wait;
    },

    async recordFailure(keys: readonly string[]): Promise<void> {
      const now = clock();
      await Promise.all(
        keys.map(async (key) => {
          const counter = await read(key);
          if (counter && counter.resetAt > now) {
            await SignInAttemptModel.updateOne({ _id: key }, { $inc: { failures: 1 } });
            return;
          }
          const resetAt = new Date(now.getTime() + rules.windowMs);
          await SignInAttemptModel.updateOne(
            { _id: key },
            { $set: { failures: 1, resetAt } },
            { upsert: true },
          );
        }),
      );
    },

    async reset(key: string): Promise<void> {
      await SignInAttemptModel.deleteOne({ _id: key });
    },
  };
}
