import { ExpertModel, UserModel } from '../../models';
import type { AccountsService } from '../../server/services/accounts';
import { slugify } from './catalogue';

export const EXPERT_LOGIN_DOMAIN = 'experts.example';

/** Hashes made at once: scrypt runs on libuv's thread pool, four threads by default. */
const HASHING_AT_ONCE = 4;

/**
 * `Sofía Castillo` → `sofia.castillo@experts.example`, `Mei Lin Tan` →
 * `mei-lin.tan@experts.example`: the family name is the last word, lower-case ASCII.
 */
export function expertLoginEmail(name: string): string {
  const words = name.trim().split(/\s+/);
  const family = words.pop() ?? '';
  return `${slugify(words.join(' '))}.${slugify(family)}@${EXPERT_LOGIN_DOMAIN}`;
}

export interface LoginsReport {
  admin?: { email: string; created: boolean };
  /** Absent when expert logins were not asked for (production). */
  experts?: { created: number; kept: number; renewed: number; example?: string };
}

async function inBatches<Item>(items: readonly Item[], work: (item: Item) => Promise<void>) {
  for (let start = 0; start < items.length; start += HASHING_AT_ONCE) {
    await Promise.all(items.slice(start, start + HASHING_AT_ONCE).map(work));
  }
}

/**
 * The console logins of the seed: the admin of `admin` (created or given that password again),
 * and with `expertLogins` one per expert of the catalogue (`slugs`) that has none yet, or whose
 * login points at an expert no longer there (after `--reset`), with the data folder's demo
 * password. Existing logins keep their passwords, so running the seed again changes nothing for
 * people already signing in; with `renew` (the demo password was just made: the logins there
 * were made by an earlier version, with its public password) they all get the new one.
 */
export async function seedLogins({
  accounts,
  admin,
  expertLogins,
  slugs,
}: {
  accounts: Pick<AccountsService, 'saveUser'>;
  admin?: { email: string; password: string };
  /** Absent in production: no demo logins there. */
  expertLogins?: { password: string; renew: boolean };
  slugs: readonly string[];
}): Promise<LoginsReport> {
  const report: LoginsReport = {};
  if (admin) {
    const existed = await UserModel.findOne({ email: admin.email.trim().toLowerCase() }).lean();
    const saved = await accounts.saveUser({ ...admin, name: 'Administrator', role: 'admin' });
    report.admin = { email: saved.email, created: !existed };
  }
  if (!expertLogins) return report;

  const wanted = new Set(slugs);
  const experts = (await ExpertModel.find({}, { slug: 1, name: 1 }).lean()).filter((expert) =>
    wanted.has(expert.slug),
  );
  const missing: typeof experts = [];
  const existing: typeof experts = [];
  for (const expert of experts) {
    const login = await UserModel.findOne(
      { email: expertLoginEmail(expert.name) },
      { expertId: 1 },
    ).lean();
    if (!login || login.expertId?.toString() !== expert._id.toString()) missing.push(expert);
    else existing.push(expert);
  }
  const renewed = expertLogins.renew ? existing : [];
  await inBatches([...missing, ...renewed], async (expert) => {
    await accounts.saveUser({
      email: expertLoginEmail(expert.name),
      name: expert.name,
      role: 'expert',
      expertId: expert._id.toString(),
      password: expertLogins.password,
    });
  });
  report.experts = {
    created: missing.length,
    kept: existing.length - renewed.length,
    renewed: renewed.length,
    example: experts[0] && expertLoginEmail(experts[0].name),
  };
  return report;
}
