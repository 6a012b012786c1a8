import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';

import { AvailabilityEditor, SAVED_NOTICE } from '../components/console/availability-editor';
import { ErrorPage } from '../components/error-page';
import { useAnnounceWhenChanged } from '../components/live-announcer';
import { loadAvailabilityEditor, saveAvailability } from '../utils/availability-editor.server';
import { PRIVATE_PAGE_HEADERS } from '../utils/private-page';
import { readConsoleForm } from '../utils/console-form.server';
import { formPageMeta } from '../utils/page-meta';

export { consoleHeaders as headers, consoleLinks as links } from '../utils/console-page';

export const meta = formPageMeta('Your availability · Console · Expert Booking');

/** The signed-in expert's own rules; an admin has no rules of their own and gets a 403. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await context.auth.requireUser(request, { role: 'expert' });
  const data = await loadAvailabilityEditor(context, user, user.expertId, request);
  return json(data, { headers: PRIVATE_PAGE_HEADERS });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, formData } = await readConsoleForm(request, context, 'expert');
  return saveAvailability(context, user, user.expertId, formData, request);
}

export default function OwnAvailabilityPage() {
  const data = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  useAnnounceWhenChanged(data.savedAt, SAVED_NOTICE);
  return (
    <AvailabilityEditor
      key={data.savedAt ?? 'stored'}
      {...data}
      lastResult={lastResult}
      previewPath="/console/availability/preview"
      heading="Your availability"
    />
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
