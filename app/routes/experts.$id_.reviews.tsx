import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';

import { ErrorPage, errorTitle } from '../components/error-page';
import { PaginationNav } from '../components/expert-list';
import { ReviewCard } from '../components/review-card';
import { isNotFound, notFound, readDomainError } from '../utils/domain-error';
import { formatRating, plural } from '../../shared/format';

const EXPERT_NOT_FOUND =
  'We could not find that expert. The link may be mistyped, or the expert may no longer be listed.';

/** Every visible review of an expert, newest first, a page at a time: plain links, no script. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const page = new URL(request.url).searchParams.get('page') ?? undefined;
  try {
    return json(await context.services.reviews.pageForExpert(params.id, { page }));
  } catch (error) {
    const failure = readDomainError(error);
    if (isNotFound(failure) || failure?.code === 'INVALID_ID') throw notFound(EXPERT_NOT_FOUND);
    if (failure?.code === 'VALIDATION_ERROR') {
      throw new Response(`That page does not exist: ${failure.fields?.page ?? failure.message}`, {
        status: 400,
        statusText: 'Bad Request',
      });
    }
    throw error;
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
  if (!data) return [{ title: errorTitle(error, 'Expert not found') }];
  const { page, totalPages } = data.pagination;
  const which = totalPages > 1 ? ` (page ${page})` : '';
  return [{ title: `Reviews of ${data.expert.name}${which} · Expert Booking` }];
};

export default function ExpertReviewsPage() {
  const { expert, data: reviews, pagination } = useLoaderData<typeof loader>();
  return (
    <div className="stack narrow">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={`/experts/${expert.id}`}>← {expert.name}</Link>
      </nav>
      <section className="card stack" aria-labelledby="reviews-title">
        <h1 id="reviews-title">Reviews of {expert.name}</h1>
        <p className="lead">
          {expert.rating === null
            ? 'No reviews yet.'
            : `Rated ${formatRating(expert.rating)} out of 5 from ${plural(expert.reviewCount, 'review')} of sessions that took place.`}
        </p>
        {pagination.totalPages > 1 ? (
          <h2 id="reviews-page-title" className="visually-hidden">
            Page {pagination.page} of {pagination.totalPages}
          </h2>
        ) : null}
        {reviews.map((review) => (
          <ReviewCard key={review.id} review={review} />
        ))}
        {reviews.length === 0 && pagination.total > 0 ? (
          <p>
            There is no page {pagination.page}:{' '}
            <Link to={`/experts/${expert.id}/reviews`}>see the newest reviews</Link>.
          </p>
        ) : null}
        <PaginationNav
          pagination={pagination}
          hrefFor={(page) => `/experts/${expert.id}/reviews${page > 1 ? `?page=${page}` : ''}`}
          focusId="reviews-page-title"
        />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage notFoundText={EXPERT_NOT_FOUND} />;
}
