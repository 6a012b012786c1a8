import { createAuth } from '../../server/auth';
import { createAccountsService } from '../../server/services/accounts';
import { TEST_SESSION_SECRET } from './api-server';
import type { TestUser } from './sign-in';

/**
 * The `Cookie` header a browser would send after signing `user` in to an API test server (whose
 * sessions are signed with TEST_SESSION_SECRET): for the Socket.io handshake, which has no page
 * to sign in on.
 */
export async function signedInCookie(
  baseUrl: string,
  user: Pick<TestUser, 'email' | 'password'>,
): Promise<string> {
  const auth = createAuth({
    secret: TEST_SESSION_SECRET,
    secure: false,
    accounts: createAccountsService({ clock: () => new Date() }),
  });
  const request = new Request(`${baseUrl}/login`, { method: 'POST', headers: { origin: baseUrl } });
  const outcome = await auth.forClient('127.0.0.1').signIn(request, user);
  if (!outcome.ok) throw new Error(`Could not sign ${user.email} in: ${outcome.errors.join(' ')}`);
  return outcome.setCookie.split(';')[0]!;
}
