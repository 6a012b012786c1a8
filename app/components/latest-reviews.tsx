import { Link } from '@remix-run/react';

import type { ExpertSummary } from '../../shared/schemas/expert';
import type { PublicReview } from '../../shared/schemas/review';
import { plural } from '../../shared/format';
import { ReviewCard } from './review-card';

/** The newest reviews on an expert's page, and the way to all of them. */
export function LatestReviews({
  expert,
  reviews,
}: {
  expert: Pick<ExpertSummary, 'id' | 'name' | 'reviewCount'>;
  reviews: readonly PublicReview[];
}) {
  return (
    <section className="stack" aria-labelledby="latest-reviews-title">
      <h2 id="latest-reviews-title">Reviews</h2>
      {reviews.length === 0 ? (
        <p className="muted">
          No reviews yet. Only clients whose session took place can review {expert.name}.
        </p>
      ) : (
        <>
          {reviews.map((review) => (
            <ReviewCard key={review.id} review={review} />
          ))}
          <p>
            <Link to={`/experts/${expert.id}/reviews`}>
              All {plural(expert.reviewCount, 'review')} of {expert.name}
            </Link>
          </p>
        </>
      )}
    </section>
  );
}
