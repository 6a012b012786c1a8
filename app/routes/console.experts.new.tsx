import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';

import { ExpertProfileForm } from '../components/console/expert-profile-form';
import { ErrorPage } from '../components/error-page';
import { createExpertFromForm } from '../utils/expert-profile-form.server';
import { PRIVATE_PAGE_HEADERS } from '../utils/private-page';
import { readConsoleForm } from '../utils/console-form.server';
import { knownTimeZones } from '../utils/time-zones';
import { formPageMeta } from '../utils/page-meta';

export { consoleHeaders as headers, consoleLinks as links } from '../utils/console-page';

export const meta = formPageMeta('Add an expert · Console · Expert Booking');

export async function loader({ request, context }: LoaderFunctionArgs) {
  await context.auth.requireUser(request, { role: 'admin' });
  return json({ timeZones: knownTimeZones() }, { headers: PRIVATE_PAGE_HEADERS });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, formData } = await readConsoleForm(request, context, 'admin');
  return createExpertFromForm(context, user, formData);
}

export default function NewExpertPage() {
  const { timeZones } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="stack narrow">
      <p className="breadcrumb">
        <Link to="/console/experts">Experts</Link>
      </p>
      <h1>Add an expert</h1>
      <ExpertProfileForm
        timeZones={timeZones}
        defaultValue={{ timezone: 'UTC' }}
        lastResult={lastResult}
        submitLabel="Add expert"
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
