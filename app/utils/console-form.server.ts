import type { AppLoadContext } from '@remix-run/node';

import { readForm } from './read-form';

type Role = NonNullable<Parameters<AppLoadContext['auth']['requireUser']>[1]>['role'];

/**
 * The start of every console action: who is signed in (with the role the page needs), the form,
 * and its CSRF token checked before anything reads the form's values.
 */
export async function readConsoleForm(request: Request, context: AppLoadContext, role: Role) {
  const user = await context.auth.requireUser(request, { role });
  const formData = await readForm(request);
  await context.auth.requireCsrf(request, formData);
  return { user, formData };
}
