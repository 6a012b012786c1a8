import { randomBytes } from 'node:crypto';

import type { Page } from 'playwright-core';
import { expect } from 'vitest';

import type { Role, SessionUser } from '../../shared/schemas/user';
import type { DevMailbox } from '../../server/mail/dev-mailbox';
import { createAccountsService } from '../../server/services/accounts';

/** The password every test user gets unless a test picks its own. */
export const TEST_PASSWORD = 'correct horse battery staple';

export type TestUser = SessionUser & { password: string };

let users = 0;

/**
 * Stores a console login in the database the test's Mongoose connection points at (the test
 * database, or an e2e server's in the same process). An expert needs the id of an existing
 * expert profile; the email is unique per call unless given.
 */
export async function createUser({
  role,
  expertId,
  email,
  password = TEST_PASSWORD,
  name = role === 'admin' ? 'Test Admin' : 'Test Expert',
}: {
  role: Role;
  expertId?: string;
  email?: string;
  password?: string;
  name?: string;
}): Promise<TestUser> {
  users += 1;
  const accounts = createAccountsService({ clock: () => new Date() });
  const user = await accounts.saveUser({
    email: email ?? `${role}-${users}-${randomBytes(3).toString('hex')}@example.com`,
    name,
    role,
    expertId,
    password,
  });
  return { ...user, password };
}

/**
 * Signs a browser page in through the sign-in form, as a person would, and waits until it has
 * landed on `redirectTo` (default: the console).
 */
export async function signIn(
  page: Page,
  user: Pick<TestUser, 'email' | 'password'>,
  { baseUrl, redirectTo = '/console' }: { baseUrl: string; redirectTo?: string },
): Promise<void> {
  await page.goto(`${baseUrl}/login?redirectTo=${encodeURIComponent(redirectTo)}`);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => `${url.pathname}${url.search}` === redirectTo);
}

export interface SignedInClient {
  /** The `Cookie` header value that carries the session. */
  cookie: string;
  /** The session's CSRF token, for the `csrf` field of console forms. */
  csrfToken: string;
}

/** The session cookie in a `Set-Cookie` answer, as a `Cookie` header value. */
export function sessionCookieOf(response: Response): string {
  const setCookie = response.headers
    .getSetCookie()
    .find((value) => value.startsWith('eb_session='));
  if (!setCookie) throw new Error(`No session cookie in the answer (${response.status})`);
  return setCookie.split(';')[0]!;
}

/**
 * Signs in through `POST /login` as a browser form would (same-origin), for `fetch` based tests,
 * and reads the session's CSRF token from the console layout's data.
 */
export async function signInForFetch(
  baseUrl: string,
  user: Pick<TestUser, 'email' | 'password'>,
): Promise<SignedInClient> {
  const response = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: user.email, password: user.password }),
  });
  expect(response.status).toBe(302);
  const cookie = sessionCookieOf(response);
  const layout = await fetch(`${baseUrl}/console?_data=routes%2Fconsole`, { headers: { cookie } });
  expect(layout.status).toBe(200);
  const { csrfToken } = (await layout.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

/**
 * Posts a form as a signed-in browser without JavaScript does: the session's cookie, the site's
 * own origin, and a redirect left for the test to read.
 */
export function postSignedInForm(
  baseUrl: string,
  cookie: string,
  path: string,
  fields: URLSearchParams,
): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, origin: baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
    body: fields,
  });
}

/** The sign-in link last mailed to `to`, once the outbox worker has written it. */
export async function signInLinkMailedTo(mailbox: DevMailbox, to: string): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    for (const entry of await mailbox.list()) {
      if (!entry.to.includes(to)) continue;
      const text = (await mailbox.open(entry.id))?.text ?? '';
      const link = /http:\/\/\S+\/login\/link\?token=\S+/.exec(text)?.[0];
      if (link) return link;
    }
    if (Date.now() > deadline) throw new Error(`No sign-in link was mailed to ${to}.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Signs out as the console's Sign out button does, with the session's CSRF token. */
export function signOut(baseUrl: string, { cookie, csrfToken }: SignedInClient): Promise<Response> {
  return postSignedInForm(baseUrl, cookie, '/logout', new URLSearchParams({ csrf: csrfToken }));
}
