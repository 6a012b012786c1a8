import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';

import { ExpertProfileForm } from '../components/console/expert-profile-form';
import { ErrorPage } from '../components/error-page';
import { useAnnounceWhenChanged } from '../components/live-announcer';
import { EXPERT_NOT_FOUND } from '../utils/availability-editor.server';
import { savedMark, throwPageFailure } from '../utils/console-failures.server';
import { updateExpertFromForm } from '../utils/expert-profile-form.server';
import { formatTimeZone } from '../../shared/format';
import { PRIVATE_PAGE_HEADERS } from '../utils/private-page';
import { readConsoleForm } from '../utils/console-form.server';
import { formPageMetaFromData } from '../utils/page-meta';

export { consoleHeaders as headers, consoleLinks as links } from '../utils/console-page';

export const meta = formPageMetaFromData<typeof loader>(
  (data) => `${data.profile.name} · Console · Expert Booking`,
  'Expert not found',
);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await context.auth.requireUser(request, { role: 'admin' });
  try {
    const profile = await context.services.expertAdmin.profile(user, params.id);
    return json({ profile, savedAt: savedMark(request) }, { headers: PRIVATE_PAGE_HEADERS });
  } catch (error) {
    throwPageFailure(error, EXPERT_NOT_FOUND);
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, formData } = await readConsoleForm(request, context, 'admin');
  return updateExpertFromForm(context, user, params.id, formData);
}

const PROFILE_SAVED = 'Saved. The public catalogue shows the new profile now.';

export default function EditExpertPage() {
  const { profile, savedAt } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  useAnnounceWhenChanged(savedAt, PROFILE_SAVED);
  return (
    <div className="stack narrow">
      <p className="breadcrumb">
        <Link to="/console/experts">Experts</Link>
      </p>
      <h1>{profile.name}</h1>
      {savedAt && !lastResult ? (
        // Created with its message, this status is not read out: the page's live region, there
        // before the message, says the same words.
        <p role="status" className="notice notice--success">
          {PROFILE_SAVED}
        </p>
      ) : null}
      <p>
        Works in {formatTimeZone(profile.timezone)} time.{' '}
        <Link to={`/console/experts/${profile.id}/availability`}>Edit availability</Link> ·{' '}
        <Link to={`/console/reviews?expert=${profile.id}`}>Reviews</Link> ·{' '}
        <Link to={`/experts/${profile.id}`}>Public page</Link>
      </p>
      <ExpertProfileForm
        key={`${profile.id} ${savedAt ?? ''}`}
        defaultValue={profile}
        lastResult={lastResult}
        submitLabel="Save profile"
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage notFoundText={EXPERT_NOT_FOUND} />;
}
