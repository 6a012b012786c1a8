import { describe, expect, it } from 'vitest';

import { collectProblems, screenshotBoth } from '../support/e2e-browser';
import { useE2eApp } from '../support/e2e-server';
import { createUser } from '../support/sign-in';

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
});
