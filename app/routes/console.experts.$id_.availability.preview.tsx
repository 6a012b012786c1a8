import { json, type LoaderFunctionArgs } from '@remix-run/node';

import { previewUnsavedAvailability } from '../utils/availability-editor.server';
import { PRIVATE_PAGE_HEADERS } from '../utils/private-page';

/** Any expert's slots under rules an admin is editing (asked as the admin types). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await context.auth.requireUser(request, { role: 'admin' });
  const data = await previewUnsavedAvailability(context, user, params.id, request);
  return json(data, { headers: PRIVATE_PAGE_HEADERS });
}
