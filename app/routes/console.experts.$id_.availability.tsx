import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';

import { AvailabilityEditor, SAVED_NOTICE } from '../components/console/availability-editor';
import { ErrorPage } from '../components/error-page';
import { useAnnounceWhenChanged } from '../components/live-announcer';
import { loadAvailabilityEditor, saveAvailability } from '../utils/availability-editor.server';
import { PRIVATE_PAGE_HEADERS } from '../utils/private-page';
import { readConsoleForm } from '../utils/console-form.server';
import { formPageMetaFromData } from '../utils/page-meta';

export { consoleHeaders as headers, consoleLinks as links } from '../utils/console-page';

export const meta = formPageMetaFromData<typeof loader>(
  (data) => `Availability of ${data.expert.name} · Console · Expert Booking`,
  'Expert not found',
);

/**
 * Any expert's rules, for an admin (an expert gets 403 here and edits their own page). A page of
 * its own (`$id_`), not nested in the profile page: the admin sees the editor alone, with the
 * way back to the profile in its breadcrumb.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await context.auth.requireUser(request, { role: 'admin' });
  const data = await loadAvailabilityEditor(context, user, params.id, request);
  return json(data, { headers: PRIVATE_PAGE_HEADERS });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, formData } = await readConsoleForm(request, context, 'admin');
  return saveAvailability(context, user, params.id, formData, request);
}

export default function ExpertAvailabilityPage() {
  const data = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  useAnnounceWhenChanged(data.savedAt, SAVED_NOTICE);
  return (
    <>
      <p className="breadcrumb">
        <Link to="/console/experts">Experts</Link> ›{' '}
        <Link to={`/console/experts/${data.expert.id}`}>{data.expert.name}</Link>
      </p>
      <AvailabilityEditor
        key={data.savedAt ?? 'stored'}
        {...data}
        lastResult={lastResult}
        previewPath={`/console/experts/${data.expert.id}/availability/preview`}
        heading={`Availability of ${data.expert.name}`}
      />
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
