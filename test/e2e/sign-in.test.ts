import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import {
  BOOKING_CHANGED,
  JOIN_CONSOLE,
  type ConsoleJoinAck,
} from '../../shared/schemas/console-realtime';
import { openConsoleSocket, refusal } from '../support/console-client';
import { bookThroughApi, expertIdByName, getExpert } from '../support/e2e-api';
import { startE2eServer, type E2eServer } from '../support/e2e-server';
import { connectRoomClient } from '../support/live-client';
import {
  createUser,
  postSignedInForm,
  sessionCookieOf,
  signInForFetch,
  signInLinkMailedTo,
  signOut,
  type TestUser,
} from '../support/sign-in';

/**
 * Sign-in, sign-out and the console's door over HTTP, as a browser without JavaScript sends
 * them. The server trusts X-Forwarded-For from loopback, so each test can speak from addresses
 * of its own and the per-address limit stays out of the way of the others.
 */

let server: E2eServer;
let admin: TestUser;
let lastAddress = 0;

beforeAll(async () => {
  server = await startE2eServer(inject('mongodbUri'), { config: { TRUST_PROXY: 'loopback' } });
  admin = await createUser({ role: 'admin', name: 'Ada Admin' });
});

afterAll(async () => {
  await server?.close();
});

function newAddress(): string {
  lastAddress += 1;
  return `198.51.100.${lastAddress}`;
}

function postLogin(
  fields: Record<string, string>,
  { from = newAddress(), origin = server.url, query = '' } = {},
) {
  return fetch(`${server.url}/login${query}`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      origin,
      'x-forwarded-for': from,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams(fields),
  });
}

function get(path: string, cookie?: string) {
  return fetch(`${server.url}${path}`, {
    redirect: 'manual',
    headers: cookie ? { cookie } : {},
  });
}

const GENERIC = 'Email or password is not right.';

describe('the console’s door', () => {
  it('sends a signed-out visitor to the sign-in page with the address to come back to', async () => {
    const response = await get('/console?status=Pending');
    await response.body?.cancel();

    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(
      '/login?redirectTo=%2Fconsole%3Fstatus%3DPending',
    );
  });

  it('signs in with the right password, sets a safe cookie and lands on the console', async () => {
    const response = await postLogin({
      email: admin.email.toUpperCase(),
      password: admin.password,
    });
    await response.body?.cancel();

    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/console');
    const setCookie = response.headers.getSetCookie().join('\n');
    expect(setCookie).toMatch(/eb_session=.+; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Lax/);
    expect(setCookie).not.toMatch(/Secure/);

    const console = await get('/console', sessionCookieOf(response));
    const page = await console.text();
    expect(console.status).toBe(200);
    expect(console.headers.get('cache-control')).toBe('private, no-store');
    expect(page).toContain('Ada Admin');
    expect(page).toContain('name="csrf"');
  });

  it('answers a wrong password and an unknown email with the same words, and no cookie', async () => {
    const wrong = await postLogin({ email: admin.email, password: 'not the password' });
    const unknown = await postLogin({ email: 'nobody@example.com', password: admin.password });

    for (const response of [wrong, unknown]) {
      const page = await response.text();
      expect(response.status).toBe(400);
      expect(page).toContain(GENERIC);
      expect(page).not.toContain('Too many attempts');
      expect(page).not.toContain(admin.password);
      expect(response.headers.getSetCookie()).toEqual([]);
    }
  });

  it('goes back to the address it was given only when it is a path of this site', async () => {
    const landing = async (redirectTo: string) => {
      const response = await postLogin({
        email: admin.email,
        password: admin.password,
        redirectTo,
      });
      await response.body?.cancel();
      return response.headers.get('location');
    };

    expect(await landing('/console?status=Pending')).toBe('/console?status=Pending');
    for (const foreign of [
      '//evil.example/',
      'https://evil.example/',
      '/\\evil.example',
      '/..//evil.example/phish',
      '/%2e%2e//evil.example/phish',
      'console',
    ]) {
      expect(await landing(foreign)).toBe('/console');
    }
  });

  it('sends a signed-in visitor of the sign-in page on to the console', async () => {
    const { cookie } = await signInForFetch(server.url, admin);
    const response = await get('/login', cookie);
    await response.body?.cancel();

    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/console');

    // Normalised, this one would read //evil.example/phish: a protocol-relative address.
    const reported = await get('/login?redirectTo=%2F..%2F%2Fevil.example%2Fphish', cookie);
    await reported.body?.cancel();
    expect(reported.headers.get('location')).toBe('/console');
  });

  it('refuses a sign-in form posted from another site', async () => {
    const fields = { email: admin.email, password: admin.password };
    const foreign = { origin: 'https://evil.example' };
    // Remix would refuse the document POST itself, as a 500 logged as an error.
    const document = await postLogin(fields, foreign);
    const data = await postLogin(fields, { ...foreign, query: '?_data=routes%2Flogin' });
    const sandboxed = await postLogin(fields, { origin: 'null' });

    for (const response of [document, data, sandboxed]) {
      expect(response.status).toBe(403);
      expect(response.headers.getSetCookie()).toEqual([]);
      expect(response.headers.get('location')).toBeNull();
    }
    expect(document.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await document.text()).toMatch(/This form came from another site/);
    await data.body?.cancel();
    await sandboxed.body?.cancel();
  });
});

describe('signing out', () => {
  it('refuses a sign-out without the session’s token and changes nothing', async () => {
    const { cookie } = await signInForFetch(server.url, admin);
    for (const body of [new URLSearchParams(), new URLSearchParams({ csrf: 'guessed' })]) {
      const response = await postSignedInForm(server.url, cookie, '/logout', body);
      await response.body?.cancel();
      expect(response.status).toBe(403);
      expect(response.headers.getSetCookie()).toEqual([]);
    }
    const still = await get('/console', cookie);
    await still.body?.cancel();
    expect(still.status).toBe(200);
  });

  it('signs out with the token: the cookie is cleared and, replayed, opens nothing', async () => {
    const { cookie, csrfToken } = await signInForFetch(server.url, admin);
    const response = await signOut(server.url, { cookie, csrfToken });
    await response.body?.cancel();

    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/login');
    expect(response.headers.getSetCookie().join('\n')).toMatch(/eb_session=;/);
    const replayed = await get('/console', cookie);
    await replayed.body?.cancel();
    expect(replayed.status).toBe(302);
  });
});

describe('sign-in limits', () => {
  it('holds an account back after ten failures from any addresses, without checking the password', async () => {
    const user = await createUser({ role: 'admin' });
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const response = await postLogin({ email: user.email, password: `guess ${attempt}` });
      await response.body?.cancel();
      expect(response.status).toBe(400);
    }

    const limited = await postLogin({ email: user.email, password: user.password });
    const page = await limited.text();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe(String(15 * 60));
    expect(page).toContain(GENERIC);
    expect(page).toContain('Too many attempts, try again in 15 minutes.');
    expect(limited.headers.getSetCookie()).toEqual([]);
  });

  it('holds an address back after ten failures, whichever accounts it tried', async () => {
    const user = await createUser({ role: 'admin' });
    const from = newAddress();
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const response = await postLogin(
        { email: `guess-${attempt}@example.com`, password: 'guess' },
        { from },
      );
      await response.body?.cancel();
    }

    const limited = await postLogin({ email: user.email, password: user.password }, { from });
    expect(await limited.text()).toContain('Too many attempts');
    const elsewhere = await postLogin({ email: user.email, password: user.password });
    await elsewhere.body?.cancel();
    expect(elsewhere.status).toBe(302);
  });
});

/** Resolves with `value` after `ms`, for a bounded wait that must not pass. */
function after<T>(ms: number, value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms));
}

function postForm(
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      origin: server.url,
      'x-forwarded-for': newAddress(),
      'content-type': 'application/x-www-form-urlencoded',
      ...headers,
    },
    body: new URLSearchParams(fields),
  });
}

describe('sign-in limits under parallel guessing, and the way in that remains', () => {
  it('checks at most ten of 25 parallel wrong passwords from 25 addresses; then the owner gets in once by the mailed link', async () => {
    const owner = await createUser({ role: 'admin' });
    const guesses = await Promise.all(
      Array.from({ length: 25 }, (_, n) =>
        postLogin({ email: owner.email, password: `guess ${n}` }),
      ),
    );
    const statuses = await Promise.all(
      guesses.map(async (response) => {
        await response.body?.cancel();
        return response.status;
      }),
    );
    expect(statuses.filter((status) => status === 400)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(15);

    const refused = await postLogin({ email: owner.email, password: owner.password });
    const refusedPage = await refused.text();
    expect(refused.status).toBe(429);
    expect(refusedPage).toContain('Send me a sign-in link');
    expect(refused.headers.getSetCookie()).toEqual([]);

    const asked = await postForm('/login/link', { email: owner.email });
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain('a sign-in link is on its way');
    const link = new URL(await signInLinkMailedTo(server.mailbox, owner.email));
    const token = link.searchParams.get('token')!;

    const opened = await get(`/login/link?token=${encodeURIComponent(token)}`);
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain('Finish signing in');

    const used = await postForm('/login/link', { token });
    await used.body?.cancel();
    expect(used.status).toBe(302);
    expect(used.headers.get('location')).toBe('/console');
    const console = await get('/console', sessionCookieOf(used));
    await console.body?.cancel();
    expect(console.status).toBe(200);

    const again = await postForm('/login/link', { token });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('This sign-in link does not work any more');
    expect(again.headers.getSetCookie()).toEqual([]);
  });

  it('answers a link request for an unknown address as for a known one, and mails nothing', async () => {
    const asked = await postForm('/login/link', { email: 'nobody-here@example.com' });
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain('a sign-in link is on its way');
    const mailed = (await server.mailbox.list()).filter((entry) =>
      entry.to.includes('nobody-here@example.com'),
    );
    expect(mailed).toEqual([]);
  });
});

describe('signing out reaches live console sockets', () => {
  it('disconnects the session’s console socket at sign-out: no booking_changed after it', async () => {
    const user = await createUser({ role: 'admin' });
    const { cookie, csrfToken } = await signInForFetch(server.url, user);
    const socket = openConsoleSocket(server.url, cookie);
    try {
      const client = await connectRoomClient<ConsoleJoinAck>(socket, {
        event: BOOKING_CHANGED,
        joinEvent: JOIN_CONSOLE,
        waitMs: 10_000,
      });
      expect(await client.join({})).toEqual({ ok: true });
      const expertId = await expertIdByName(server.url, server.experts[0]!.name);
      const [first, second] = (await getExpert(server.url, expertId)).slots.filter(
        (slot) => slot.available,
      );
      await bookThroughApi(server.url, { expertId, date: first!.date, timeSlot: first!.timeSlot });
      await client.waitForEvents(1);

      const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
      const signedOut = await signOut(server.url, { cookie, csrfToken });
      await signedOut.body?.cancel();
      expect(signedOut.status).toBe(302);
      expect(await Promise.race([disconnected, after(5_000, 'still connected')])).toBe(
        'io server disconnect',
      );

      await bookThroughApi(server.url, {
        expertId,
        date: second!.date,
        timeSlot: second!.timeSlot,
      });
      expect(client.events).toHaveLength(1);
      const again = openConsoleSocket(server.url, cookie);
      try {
        expect((await refusal(again)).data).toEqual({ code: 'UNAUTHORIZED' });
      } finally {
        again.disconnect();
      }
    } finally {
      socket.disconnect();
    }
  });
});
