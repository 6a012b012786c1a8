import { describe, expect, it } from 'vitest';

import { collectProblems, screenshotBoth } from '../support/e2e-browser';
import { useE2eApp } from '../support/e2e-server';
import { createAccountsService } from '../../server/services/accounts';
import { createUser, signInLinkMailedTo } from '../support/sign-in';

const { server, browser } = await useE2eApp();

describe.each([
  { javaScriptEnabled: false, label: 'without JavaScript' },
  { javaScriptEnabled: true, label: 'with JavaScript' },
])('signing in and out $label', { timeout: 90_000 }, ({ javaScriptEnabled }) => {
  it('goes to the sign-in page, back to the address asked for, and out again', async () => {
    const user = await createUser({ role: 'admin', name: 'Grace Admin' });
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    const problems = collectProblems(page);

    await page.goto(`${server.url}/console?status=Pending`);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/login');
    expect(new URL(page.url()).searchParams.get('redirectTo')).toBe('/console?status=Pending');

    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Email or password is not right.');
    if (!javaScriptEnabled) await screenshotBoth(page, 'sign-in-refused');

    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => `${url.pathname}${url.search}` === '/console?status=Pending');
    await expect.poll(() => page.getByText(/^Signed in as/).textContent()).toContain('Grace Admin');
    await page.getByRole('navigation', { name: 'Console' }).waitFor();
    await screenshotBoth(page, `console-signed-in-${javaScriptEnabled ? 'js' : 'no-js'}`);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.goto(`${server.url}/console`);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/login');

    expect(problems).toEqual([]);
    await context.close();
  });

  it('lets the owner in by a mailed link once strangers have used up the account’s attempts', async () => {
    const user = await createUser({ role: 'admin', name: 'Locked Admin' });
    // Strangers, from addresses of their own, on the server's database and limits.
    const strangers = createAccountsService({
      clock: () => new Date(),
      signInLimits: { failureDelayMs: 0 },
    });
    for (let n = 1; n <= 10; n += 1) {
      await strangers.signIn({ email: user.email, password: 'guess', ip: `192.0.2.${n}` });
    }
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    const problems = collectProblems(page);

    await page.goto(`${server.url}/login`);
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Too many attempts');

    await page.getByRole('link', { name: 'Send me a sign-in link' }).click();
    await page.waitForURL((url) => url.pathname === '/login/link');
    await page.getByLabel('Email').fill(user.email);
    await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toContain('a sign-in link is on its way');

    await page.goto(await signInLinkMailedTo(server.mailbox, user.email));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/console');
    await expect
      .poll(() => page.getByText(/^Signed in as/).textContent())
      .toContain('Locked Admin');

    expect(problems).toEqual([]);
    await context.close();
  });
});
