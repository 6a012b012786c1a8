import { json, type LoaderFunctionArgs } from '@remix-run/node';

import { previewUnsavedAvailability } from '../utils/availability-editor.server';
import { PRIVATE_PAGE_HEADERS } from '../utils/private-page';

/** The signed-in expert's slots under rules being edited (the editor asks as the person types). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await context.auth.requireUser(request, { role: 'expert' });
  const data = await previewUnsavedAvailability(context, user, user.expertId, request);
  return json(data, { headers: PRIVATE_PAGE_HEADERS });
}
