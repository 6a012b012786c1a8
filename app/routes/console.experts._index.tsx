import { json, type LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';

import { ExpertTable } from '../components/console/expert-table';
import { ErrorPage } from '../components/error-page';
import { readDomainError } from '../utils/domain-error';
import { PRIVATE_PAGE_HEADERS } from '../utils/private-page';
import { pageMeta } from '../utils/page-meta';

/** Rows per page: each costs one or two equality reads for its week's bookings. */
const PAGE_SIZE = '20';

export { consoleHeaders as headers, consoleLinks as links } from '../utils/console-page';

export const meta = pageMeta('Experts · Console · Expert Booking');

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await context.auth.requireUser(request, { role: 'admin' });
  const search = new URL(request.url).searchParams;
  const query = {
    page: search.get('page') ?? undefined,
    search: search.get('search') ?? undefined,
    category: search.get('category') ?? undefined,
  };
  try {
    const page = await context.services.expertAdmin.list(user, { ...query, limit: PAGE_SIZE });
    return json(
      { ...page, query: { search: query.search, category: query.category } },
      { headers: PRIVATE_PAGE_HEADERS },
    );
  } catch (error) {
    const failure = readDomainError(error);
    if (failure?.code !== 'VALIDATION_ERROR') throw error;
    throw new Response(failure.message, { status: 400, statusText: 'Bad Request' });
  }
}

export default function ExpertsAdminPage() {
  const { items, pagination, query } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <div className="console-toolbar">
        <h1>Experts</h1>
        <Link to="/console/experts/new" className="button button--primary">
          Add an expert
        </Link>
      </div>
      <ExpertTable items={items} pagination={pagination} query={query} />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
