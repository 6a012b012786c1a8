import { redirect, type ActionFunctionArgs } from '@remix-run/node';

import { readForm } from '../utils/read-form';

/** Signing out is a POST with the session's CSRF token; a link elsewhere cannot sign anyone out. */
export async function action({ request, context }: ActionFunctionArgs) {
  await context.auth.requireCsrf(request, await readForm(request));
  return redirect('/login', { headers: { 'Set-Cookie': await context.auth.signOut(request) } });
}

/** Nothing to show: a GET (a typed address, a prefetch) goes to the sign-in page. */
export function loader() {
  return redirect('/login');
}
