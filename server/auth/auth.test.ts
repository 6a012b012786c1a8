import { describe, expect, it } from 'vitest';

import { ExpertModel, UserModel } from '../../models';
import { createExpert } from '../../test/support/builders';
import { useEmptiedTestDatabase } from '../../test/support/database';
import { createUser } from '../../test/support/sign-in';
import { createAccountsService } from '../services/accounts';
import { createAuth } from './auth';
import { SESSION_MAX_AGE_SECONDS } from './session-storage';

await useEmptiedTestDatabase();

const SECRET = 'auth-test-secret-0123456789abcdef';
const ORIGIN = 'http://console.test';
let now = new Date('2030-03-04T10:00:00Z');

function authFor({ secure = false } = {}) {
  const clock = () => now;
  const accounts = createAccountsService({ clock, signInLimits: { failureDelayMs: 0 } });
  return createAuth({ secret: SECRET, secure, accounts, clock });
}

function loginRequest(headers: Record<string, string> = { origin: ORIGIN }) {
  return new Request(`${ORIGIN}/login`, { method: 'POST', headers });
}

function pageRequest(path: string, cookie?: string) {
  return new Request(`${ORIGIN}${path}`, { headers: cookie ? { cookie } : {} });
}

async function thrown(promise: Promise<unknown>): Promise<Response> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof Response)) throw new Error(`Expected a Response, got ${String(error)}`);
  return error;
}

async function signedIn(options: { secure?: boolean; role?: 'admin' | 'expert' } = {}) {
  const role = options.role ?? 'admin';
  const expertId = role === 'expert' ? (await createExpert()).id : undefined;
  const user = await createUser({ role, expertId });
  const service = authFor(options);
  const auth = service.forClient('203.0.113.1');
  const outcome = await auth.signIn(loginRequest(), user);
  if (!outcome.ok) throw new Error('sign-in failed');
  return {
    service,
    auth,
    user,
    setCookie: outcome.setCookie,
    cookie: outcome.setCookie.split(';')[0]!,
  };
}

describe('the session cookie', () => {
  it('is HttpOnly, SameSite=Lax, for the whole site, with a maximum age, and not Secure outside production', async () => {
    const { setCookie } = await signedIn();
    const attributes = setCookie.split('; ').slice(1);

    expect(setCookie).toMatch(/^eb_session=[^;]+/);
    expect(attributes).toEqual(
      expect.arrayContaining([
        'HttpOnly',
        'SameSite=Lax',
        'Path=/',
        `Max-Age=${SESSION_MAX_AGE_SECONDS}`,
      ]),
    );
    expect(attributes).not.toContain('Secure');
  });

  it('is Secure in production', async () => {
    const { setCookie } = await signedIn({ secure: true });
    expect(setCookie.split('; ')).toContain('Secure');
  });

  it('holds no personal data, and its signature cannot be forged', async () => {
    const { auth, user, cookie } = await signedIn();
    const value = decodeURIComponent(cookie.split('=')[1]!);
    const [payload] = value.split('.');
    const data = JSON.parse(Buffer.from(payload!, 'base64').toString('utf8')) as object;

    expect(Object.keys(data).sort()).toEqual(['csrf', 'signedInAt', 'userId']);
    expect(value).not.toContain(user.email);
    expect(await auth.getUser(pageRequest('/console', cookie))).toEqual({
      id: user.id,
      email: user.email,
      name: user.name,
      role: 'admin',
    });

    const otherSecret = createAuth({
      secret: 'another-secret-0123456789abcdefghij',
      secure: false,
      accounts: createAccountsService({ clock: () => now }),
    });
    expect(await otherSecret.readSessionUser(cookie)).toBeNull();
  });

  it('is new at every sign-in: a token from before is worth nothing after', async () => {
    const { auth, user, cookie } = await signedIn();
    const before = await auth.getCsrfToken(pageRequest('/console', cookie));
    const again = await auth.signIn(loginRequest({ origin: ORIGIN, cookie }), user);
    if (!again.ok) throw new Error('sign-in failed');
    const after = again.setCookie.split(';')[0]!;

    expect(await auth.getCsrfToken(pageRequest('/console', after))).not.toBe(before);
    expect(before).toMatch(/^[\w-]{43}$/);
  });

  it('stops signing in after its maximum age, even if the browser kept it', async () => {
    const { auth, cookie } = await signedIn();
    now = new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000 + 1);
    expect(await auth.getUser(pageRequest('/console', cookie))).toBeNull();
  });
});

describe('requireUser', () => {
  it('sends a visitor without a session to the sign-in page with the address to come back to', async () => {
    const auth = authFor().forClient('203.0.113.1');
    const response = await thrown(
      auth.requireUser(pageRequest('/console?status=Pending&_data=routes%2Fconsole')),
    );

    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe(
      `/login?redirectTo=${encodeURIComponent('/console?status=Pending')}`,
    );
  });

  it('signs out an account that was deleted, and clears its cookie', async () => {
    const { auth, user, cookie } = await signedIn();
    await UserModel.deleteOne({ _id: user.id });

    const response = await thrown(auth.requireUser(pageRequest('/console', cookie)));
    expect(response.status).toBe(302);
    expect(response.headers.get('Set-Cookie')).toMatch(/^eb_session=;.*Expires=Thu, 01 Jan 1970/);
  });

  it('answers 403 to a signed-in user without the role, and lets the role through', async () => {
    const expert = await signedIn({ role: 'expert' });
    const refused = await thrown(
      expert.auth.requireUser(pageRequest('/console/experts', expert.cookie), { role: 'admin' }),
    );
    expect(refused.status).toBe(403);
    expect(
      await expert.auth.requireUser(pageRequest('/console', expert.cookie), { role: 'expert' }),
    ).toMatchObject({ role: 'expert', expertId: expect.any(String) });
  });
});

describe('requireCsrf', () => {
  it('accepts the session’s own token only', async () => {
    const { auth, cookie } = await signedIn();
    const token = await auth.getCsrfToken(pageRequest('/console', cookie));
    const form = (csrf?: string) => {
      const data = new FormData();
      if (csrf !== undefined) data.set('csrf', csrf);
      return data;
    };
    const post = (withCookie = cookie) =>
      new Request(`${ORIGIN}/console`, {
        method: 'POST',
        headers: withCookie ? { cookie: withCookie } : {},
      });

    await expect(auth.requireCsrf(post(), form(token))).resolves.toBeUndefined();
    for (const bad of [undefined, '', 'x', `${token}x`, token.slice(0, -1)]) {
      expect((await thrown(auth.requireCsrf(post(), form(bad)))).status).toBe(403);
    }
    expect((await thrown(auth.requireCsrf(post(''), form(token)))).status).toBe(403);
  });
});

describe('signing in and out', () => {
  it('takes no sign-in link request nor link posted from another site, and a link of its own signs in anew', async () => {
    const user = await createUser({ role: 'admin' });
    const links: string[] = [];
    const accounts = createAccountsService({
      clock: () => now,
      mail: { signInLink: async (_to, path) => void links.push(path) },
    });
    const auth = createAuth({ secret: SECRET, secure: false, accounts, clock: () => now });
    const client = auth.forClient('203.0.113.1');
    const foreign = loginRequest({ origin: 'https://evil.example' });
    expect((await thrown(client.sendSignInLink(foreign, user.email))).status).toBe(403);
    expect(links).toEqual([]);

    await client.sendSignInLink(loginRequest(), user.email);
    const token = new URL(links[0]!, ORIGIN).searchParams.get('token')!;
    expect((await thrown(client.signInWithLink(foreign, token))).status).toBe(403);
    const outcome = await client.signInWithLink(loginRequest(), token);
    expect(outcome).toMatchObject({ ok: true, user: { id: user.id } });
    expect(await client.signInWithLink(loginRequest(), token)).toEqual({
      ok: false,
      errors: [
        'This sign-in link does not work any more: it was used, or it expired. Ask for a new one.',
      ],
    });
  });

  it('refuses a sign-in posted from another site', async () => {
    const user = await createUser({ role: 'admin' });
    const auth = authFor().forClient('203.0.113.1');
    const foreign: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of foreign) {
      expect((await thrown(auth.signIn(loginRequest(headers), user))).status).toBe(403);
    }
    expect(
      await auth.signIn(loginRequest({ 'sec-fetch-site': 'same-origin' }), user),
    ).toMatchObject({
      ok: true,
    });
  });

  it('answers every failure with the same words, and says when to come back once limited', async () => {
    const user = await createUser({ role: 'admin' });
    const auth = authFor().forClient('203.0.113.1');
    const wrong = await auth.signIn(loginRequest(), { email: user.email, password: 'guess' });
    const unknown = await auth.signIn(loginRequest(), {
      email: 'nobody@example.com',
      password: user.password,
    });
    expect(wrong).toEqual({ ok: false, errors: ['Email or password is not right.'] });
    expect(unknown).toEqual(wrong);
    for (let attempt = 0; attempt < 8; attempt += 1) {
      await auth.signIn(loginRequest(), { email: user.email, password: 'guess' });
    }
    expect(await auth.signIn(loginRequest(), user)).toEqual({
      ok: false,
      errors: ['Email or password is not right.', 'Too many attempts, try again in 15 minutes.'],
      retryAfterSeconds: 15 * 60,
    });
  });

  it('ends the session for good at sign-out: the same cookie replayed signs nobody in', async () => {
    const { service, auth, user, cookie } = await signedIn();
    expect(await service.readSessionUser(cookie)).toMatchObject({ id: user.id });
    now = new Date(now.getTime() + 1000);
    const cleared = await auth.signOut(pageRequest('/logout', cookie));

    expect(cleared).toMatch(/^eb_session=;/);
    expect(await auth.getUser(pageRequest('/console', cookie))).toBeNull();
    expect(await service.readSessionUser(cookie)).toBeNull();
  });
});

describe('readSessionUser (the socket handshake)', () => {
  it('reads the user from a Cookie header among other cookies, with the pages’ checks', async () => {
    const { service, user, cookie } = await signedIn({ role: 'expert' });

    expect(await service.readSessionUser(`tz=Europe%2FBerlin; ${cookie}; other=1`)).toEqual({
      id: user.id,
      email: user.email,
      name: expect.any(String),
      role: 'expert',
      expertId: user.expertId,
    });
    expect(await service.readSessionUser(undefined)).toBeNull();
    expect(await service.readSessionUser('')).toBeNull();
    expect(await service.readSessionUser('eb_session=forged.value')).toBeNull();

    await ExpertModel.deleteOne({ _id: user.expertId });
    expect(await service.readSessionUser(cookie)).toBeNull();
  });
});
