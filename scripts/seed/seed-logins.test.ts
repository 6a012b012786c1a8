import { describe, expect, it } from 'vitest';

import { ExpertModel, UserModel } from '../../models';
import { createAccountsService } from '../../server/services/accounts';
import { useEmptiedTestDatabase } from '../../test/support/database';
import { buildCatalogue } from './catalogue';
import { seedDatabase } from './seed-database';
import { expertLoginEmail, seedLogins } from './seed-logins';

await useEmptiedTestDatabase();

const TODAY = new Date('2030-03-04T10:00:00Z');
const experts = buildCatalogue({ today: TODAY }).slice(0, 4);
const slugs = experts.map((expert) => expert.slug);
const accounts = createAccountsService({ clock: () => new Date() });
const ADMIN = { email: 'Admin@Example.com', password: 'an admin password' };
/** What demoPassword (demo-password.ts) would have made for a data folder. */
const DEMO = { password: 'a folder demo password', renew: false };

function signIn(email: string, password: string) {
  return accounts.signIn({ email, password, ip: '203.0.113.1' });
}

describe('expertLoginEmail', () => {
  it('makes <first>.<last>@experts.example in lower-case ASCII', () => {
    expect(expertLoginEmail('Priya Sharma')).toBe('priya.sharma@experts.example');
    expect(expertLoginEmail('Sofía Castillo')).toBe('sofia.castillo@experts.example');
    expect(expertLoginEmail("Liam O'Connor")).toBe('liam.oconnor@experts.example');
    expect(expertLoginEmail('Mei Lin Tan')).toBe('mei-lin.tan@experts.example');
    expect(expertLoginEmail('Katarzyna Wiśniewska')).toBe('katarzyna.wisniewska@experts.example');
  });

  it('gives every expert of the demo catalogue an address of its own', () => {
    const all = buildCatalogue({ today: TODAY }).map((expert) => expertLoginEmail(expert.name));
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('seedLogins', () => {
  it('makes the admin and one login per expert, each able to sign in, and only its own expert', async () => {
    await seedDatabase({ experts });
    const report = await seedLogins({ accounts, admin: ADMIN, expertLogins: DEMO, slugs });

    expect(report.admin).toEqual({ email: 'admin@example.com', created: true });
    expect(report.experts).toMatchObject({ created: 4, kept: 0 });
    expect(await signIn('admin@example.com', ADMIN.password)).toMatchObject({
      ok: true,
      user: { role: 'admin' },
    });
    for (const expert of experts) {
      const stored = await ExpertModel.findOne({ slug: expert.slug }).orFail();
      expect(await signIn(expertLoginEmail(expert.name), DEMO.password)).toMatchObject({
        ok: true,
        user: { role: 'expert', name: expert.name, expertId: stored._id.toString() },
      });
    }
  });

  it('adds only what is missing on a database seeded before logins existed, and keeps passwords', async () => {
    await seedDatabase({ experts });
    await seedLogins({ accounts, expertLogins: DEMO, slugs: slugs.slice(0, 2) });
    const before = await UserModel.find({}).sort({ email: 1 }).lean();

    const report = await seedLogins({ accounts, expertLogins: DEMO, slugs });

    expect(report.experts).toMatchObject({ created: 2, kept: 2 });
    expect(await UserModel.countDocuments()).toBe(4);
    for (const user of before) {
      expect((await UserModel.findById(user._id).lean())?.passwordHash).toBe(user.passwordHash);
    }
  });

  it('links the logins again to the experts a reset made anew', async () => {
    await seedDatabase({ experts });
    await seedLogins({ accounts, expertLogins: DEMO, slugs });
    await seedDatabase({ experts, reset: true });

    const report = await seedLogins({ accounts, expertLogins: DEMO, slugs });

    expect(report.experts).toMatchObject({ created: 4, kept: 0 });
    expect(await UserModel.countDocuments()).toBe(4);
    expect(await signIn(expertLoginEmail(experts[0]!.name), DEMO.password)).toMatchObject({
      ok: true,
    });
  });

  it('gives every demo login the new password when the folder gets its first (logins of an earlier version)', async () => {
    await seedDatabase({ experts });
    await seedLogins({ accounts, expertLogins: DEMO, slugs: slugs.slice(0, 2) });
    const fresh = { password: 'the password made just now', renew: true };

    const report = await seedLogins({ accounts, expertLogins: fresh, slugs });

    expect(report.experts).toMatchObject({ created: 2, kept: 0, renewed: 2 });
    for (const expert of experts) {
      const email = expertLoginEmail(expert.name);
      expect(await signIn(email, fresh.password)).toMatchObject({ ok: true });
      expect(await signIn(email, DEMO.password)).toMatchObject({ ok: false });
    }
  });

  it('makes no expert login when not asked (production), and updates the admin in place', async () => {
    await seedDatabase({ experts });
    await seedLogins({ accounts, admin: ADMIN, slugs });
    const report = await seedLogins({
      accounts,
      admin: { email: ADMIN.email, password: 'a new admin password' },
      slugs,
    });

    expect(report).toEqual({ admin: { email: 'admin@example.com', created: false } });
    expect(await UserModel.countDocuments()).toBe(1);
    expect(await signIn(ADMIN.email, 'a new admin password')).toMatchObject({ ok: true });
  });
});
