import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';

import { ExpertModel, SignInAttemptModel, SignInLinkModel, UserModel } from '../../models';
import { createExpert } from '../../test/support/builders';
import { useEmptiedTestDatabase } from '../../test/support/database';
import {
  createAccountsService,
  SIGN_IN_LINK_ANSWER_FLOOR_MS,
  type SignInLinkMail,
} from './accounts';

await useEmptiedTestDatabase();

const WINDOW_MS = 60_000;
let now = new Date('2030-03-04T10:00:00Z');
const later = (ms: number) => {
  now = new Date(now.getTime() + ms);
};

function service() {
  return createAccountsService({
    clock: () => now,
    signInLimits: { rules: { maxFailures: 3, windowMs: WINDOW_MS }, failureDelayMs: 0 },
  });
}

const PASSWORD = 'correct horse battery staple';

async function adminAt(email: string) {
  return service().saveUser({ email, name: 'Ada Admin', role: 'admin', password: PASSWORD });
}

describe('accounts', () => {
  it('stores the email trimmed and lower-cased, once, and signs in whatever its case', async () => {
    const accounts = service();
    const user = await accounts.saveUser({
      email: '  Ada@Example.COM ',
      name: 'Ada Admin',
      role: 'admin',
      password: PASSWORD,
    });
    await accounts.saveUser({
      email: 'ada@example.com',
      name: 'Ada Again',
      role: 'admin',
      password: 'another password',
    });

    const stored = await UserModel.find({}).lean();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ email: 'ada@example.com', name: 'Ada Again' });
    expect(stored[0]!.passwordHash).toMatch(/^scrypt\$/);
    expect(user).toEqual({
      id: stored[0]!._id.toString(),
      email: 'ada@example.com',
      name: 'Ada Admin',
      role: 'admin',
    });
    const result = await accounts.signIn({
      email: 'ADA@example.com ',
      password: 'another password',
      ip: '203.0.113.1',
    });
    expect(result).toMatchObject({
      ok: true,
      user: { email: 'ada@example.com', name: 'Ada Again' },
    });
  });

  it('refuses a second account with the same email in the database itself', async () => {
    await adminAt('ada@example.com');
    const error = await UserModel.create({
      email: 'ADA@example.com',
      name: 'Copy',
      role: 'admin',
      passwordHash: 'x',
    }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeDefined();
    expect(await UserModel.countDocuments()).toBe(1);
  });

  it('answers a wrong password and an unknown email alike', async () => {
    await adminAt('ada@example.com');
    const accounts = service();
    expect(
      await accounts.signIn({ email: 'ada@example.com', password: 'wrong', ip: '203.0.113.1' }),
    ).toEqual({ ok: false, reason: 'credentials' });
    expect(
      await accounts.signIn({ email: 'nobody@example.com', password: PASSWORD, ip: '203.0.113.1' }),
    ).toEqual({ ok: false, reason: 'credentials' });
  });

  it('links an expert login to its profile, and lets nobody in once the profile is gone', async () => {
    const expert = await createExpert({ name: 'Priya Sharma' });
    const accounts = service();
    const user = await accounts.saveUser({
      email: 'priya.sharma@experts.example',
      name: 'ignored for experts',
      role: 'expert',
      expertId: expert._id.toString(),
      password: PASSWORD,
    });
    expect(user).toMatchObject({
      role: 'expert',
      name: 'Priya Sharma',
      expertId: expert._id.toString(),
    });

    await ExpertModel.deleteOne({ _id: expert._id });

    expect(await accounts.findSessionUser(user.id)).toBeNull();
    expect(
      await accounts.signIn({ email: user.email, password: PASSWORD, ip: '203.0.113.1' }),
    ).toEqual({ ok: false, reason: 'credentials' });
    await expect(
      accounts.saveUser({
        email: 'ghost@experts.example',
        name: 'Ghost',
        role: 'expert',
        expertId: new mongoose.Types.ObjectId().toString(),
        password: PASSWORD,
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('ends the sessions begun before a sign-out, not those begun after', async () => {
    const accounts = service();
    const user = await adminAt('ada@example.com');
    const before = new Date(now.getTime() - 1000);

    await accounts.endSessions(user.id);

    expect(await accounts.findSessionUser(user.id, before)).toBeNull();
    expect(await accounts.findSessionUser(user.id, now)).toMatchObject({ id: user.id });
    later(1000);
    expect(await accounts.findSessionUser(user.id, now)).toMatchObject({ id: user.id });
  });
});

describe('sign-in limits', () => {
  it('refuses an account after its failures, from any address, without checking the password, until the window passes', async () => {
    await adminAt('ada@example.com');
    const accounts = service();
    for (const ip of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) {
      expect(await accounts.signIn({ email: 'ada@example.com', password: 'guess', ip })).toEqual({
        ok: false,
        reason: 'credentials',
      });
    }

    const limited = await accounts.signIn({
      email: 'ada@example.com',
      password: PASSWORD,
      ip: '203.0.113.9',
    });
    expect(limited).toEqual({ ok: false, reason: 'limited', retryAfterMinutes: 1 });
    expect(await SignInAttemptModel.countDocuments({ key: 'email:ada@example.com' })).toBe(3);

    later(WINDOW_MS + 1);
    expect(
      await accounts.signIn({ email: 'ada@example.com', password: PASSWORD, ip: '203.0.113.9' }),
    ).toMatchObject({ ok: true });
  });

  it('refuses an address after its failures, whichever accounts it tried', async () => {
    await adminAt('ada@example.com');
    const accounts = service();
    for (const email of ['a@example.com', 'b@example.com', 'c@example.com']) {
      await accounts.signIn({ email, password: 'guess', ip: '198.51.100.7' });
    }

    expect(
      await accounts.signIn({ email: 'ada@example.com', password: PASSWORD, ip: '198.51.100.7' }),
    ).toMatchObject({ ok: false, reason: 'limited' });
    expect(
      await accounts.signIn({ email: 'ada@example.com', password: PASSWORD, ip: '198.51.100.8' }),
    ).toMatchObject({ ok: true });
  });

  it('says how many minutes are left, rounded up', async () => {
    const accounts = createAccountsService({
      clock: () => now,
      signInLimits: { rules: { maxFailures: 1, windowMs: 15 * 60_000 }, failureDelayMs: 0 },
    });
    await accounts.signIn({ email: 'a@example.com', password: 'guess', ip: '198.51.100.7' });
    later(4 * 60_000 + 30_000);
    expect(
      await accounts.signIn({ email: 'a@example.com', password: 'guess', ip: '198.51.100.7' }),
    ).toEqual({ ok: false, reason: 'limited', retryAfterMinutes: 11 });
  });

  it('starts the account count afresh after a successful sign-in', async () => {
    await adminAt('ada@example.com');
    const accounts = service();
    const attempt = (password: string, ip: string) =>
      accounts.signIn({ email: 'ada@example.com', password, ip });
    await attempt('guess', '203.0.113.1');
    await attempt('guess', '203.0.113.2');
    expect(await attempt(PASSWORD, '203.0.113.3')).toMatchObject({ ok: true });
    expect(await SignInAttemptModel.countDocuments({ key: 'email:ada@example.com' })).toBe(0);

    await attempt('guess', '203.0.113.4');
    await attempt('guess', '203.0.113.5');
    expect(await attempt(PASSWORD, '203.0.113.6')).toMatchObject({ ok: true });
  });
});

describe('sign-in limits under parallel attempts', () => {
  it('checks at most the account’s limit of 25 parallel wrong passwords from 25 addresses', async () => {
    await adminAt('ada@example.com');
    const accounts = createAccountsService({
      clock: () => now,
      signInLimits: { rules: { maxFailures: 10, windowMs: WINDOW_MS }, failureDelayMs: 0 },
    });
    const answers = await Promise.all(
      Array.from({ length: 25 }, (_, n) =>
        accounts.signIn({ email: 'ada@example.com', password: `guess ${n}`, ip: `203.0.113.${n}` }),
      ),
    );

    const reasons = answers.map((answer) => (answer.ok ? 'ok' : answer.reason));
    expect(reasons.filter((reason) => reason === 'credentials')).toHaveLength(10);
    expect(reasons.filter((reason) => reason === 'limited')).toHaveLength(15);
    expect(await SignInAttemptModel.countDocuments({ key: 'email:ada@example.com' })).toBe(10);
    expect(
      await accounts.signIn({ email: 'ada@example.com', password: PASSWORD, ip: '203.0.113.99' }),
    ).toMatchObject({ ok: false, reason: 'limited' });
  });
});

describe('one-time sign-in links', () => {
  function withMailbox(linkFloorMs = 0) {
    const sent: { to: string; path: string; validMinutes: number }[] = [];
    const mail: SignInLinkMail = {
      async signInLink(to, path, validMinutes) {
        sent.push({ to, path, validMinutes });
      },
    };
    const accounts = createAccountsService({
      clock: () => now,
      signInLimits: {
        rules: { maxFailures: 3, windowMs: WINDOW_MS },
        failureDelayMs: 0,
        linkFloorMs,
      },
      mail,
    });
    const tokenOf = (index: number) =>
      new URL(sent[index]!.path, 'http://app.test').searchParams.get('token')!;
    return { accounts, sent, tokenOf };
  }

  async function lockedOut(accounts: ReturnType<typeof service>) {
    for (const ip of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) {
      await accounts.signIn({ email: 'ada@example.com', password: 'guess', ip });
    }
    expect(
      await accounts.signIn({ email: 'ada@example.com', password: PASSWORD, ip: '198.51.100.1' }),
    ).toMatchObject({ ok: false, reason: 'limited' });
  }

  it('lets the owner of an account strangers locked in once, with the mailed link', async () => {
    const ada = await adminAt('ada@example.com');
    const { accounts, sent, tokenOf } = withMailbox();
    await lockedOut(accounts);

    await accounts.sendSignInLink({ email: ' Ada@Example.com ' });
    expect(sent).toEqual([
      {
        to: 'ada@example.com',
        path: expect.stringMatching(/^\/login\/link\?token=/),
        validMinutes: 15,
      },
    ]);
    const token = tokenOf(0);
    const [id, secret] = token.split('.');
    const stored = await SignInLinkModel.findById(id).lean();
    expect(stored?.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(secret);

    expect(await accounts.signInWithLink(token)).toMatchObject({ id: ada.id, role: 'admin' });
    expect(await accounts.signInWithLink(token)).toBeNull();
  });

  it('refuses an expired link, a forged secret and an address without an account', async () => {
    await adminAt('ada@example.com');
    const { accounts, sent, tokenOf } = withMailbox();
    await accounts.sendSignInLink({ email: 'nobody@example.com' });
    expect(sent).toEqual([]);

    await accounts.sendSignInLink({ email: 'ada@example.com' });
    const [id] = tokenOf(0).split('.');
    expect(await accounts.signInWithLink(`${id}.forged-secret`)).toBeNull();
    expect(await accounts.signInWithLink(id!)).toBeNull();
    later(15 * 60_000 + 1);
    expect(await accounts.signInWithLink(tokenOf(0))).toBeNull();
  });

  it('answers a request no sooner than its floor, account or none, so its time tells nothing', async () => {
    await adminAt('ada@example.com');
    const { accounts, sent } = withMailbox(SIGN_IN_LINK_ANSWER_FLOOR_MS);
    for (const email of ['ada@example.com', 'nobody@example.com']) {
      const started = performance.now();
      await accounts.sendSignInLink({ email });
      // A lower bound only: finding the account and storing its link would otherwise tell.
      expect(performance.now() - started).toBeGreaterThanOrEqual(SIGN_IN_LINK_ANSWER_FLOOR_MS - 10);
    }
    expect(sent.map((mail) => mail.to)).toEqual(['ada@example.com']);
  });

  it('sends an account at most three links while one is valid, whoever asks', async () => {
    await adminAt('ada@example.com');
    const { accounts, sent } = withMailbox();
    for (let request = 0; request < 5; request += 1) {
      await accounts.sendSignInLink({ email: 'ada@example.com' });
    }
    expect(sent).toHaveLength(3);
    later(15 * 60_000);
    await accounts.sendSignInLink({ email: 'ada@example.com' });
    expect(sent).toHaveLength(4);
  });

  it('leaves the owner a working link whenever strangers have used up the links', async () => {
    const ada = await adminAt('ada@example.com');
    const { accounts, sent, tokenOf } = withMailbox();
    await lockedOut(accounts);
    for (let request = 0; request < 3; request += 1) {
      await accounts.sendSignInLink({ email: 'ada@example.com' });
    }

    // Refused now, the owner still has the strangers' links, valid as long as the refusal lasts.
    later(15 * 60_000 - 1);
    await accounts.sendSignInLink({ email: 'ada@example.com' });
    expect(sent).toHaveLength(3);
    const newest = await SignInLinkModel.findById(tokenOf(2).split('.')[0]).lean();
    expect(newest!.expiresAt.getTime()).toBeGreaterThan(now.getTime());
    await lockedOut(accounts);
    // Once those have expired, the owner's own request is sent again.
    later(1);
    await accounts.sendSignInLink({ email: 'ada@example.com' });
    expect(sent).toHaveLength(4);
    expect(await accounts.signInWithLink(tokenOf(3))).toMatchObject({ id: ada.id });
  });
});
