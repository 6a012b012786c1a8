import type { ReactNode } from 'react';

import type { ExpertSummary } from '../../shared/schemas/expert';
import { formatRating, plural } from '../../shared/format';

/** What every view of an expert states; each view adds its own rows as children. */
export function ExpertFacts({
  expert,
  children,
}: {
  expert: Pick<ExpertSummary, 'experience' | 'rating' | 'reviewCount'>;
  children?: ReactNode;
}) {
  return (
    <dl className="facts">
      <div>
        <dt>Experience</dt>
        <dd>{plural(expert.experience, 'year')}</dd>
      </div>
      <div>
        <dt>Rating</dt>
        <dd>
          {expert.rating === null ? (
            'No reviews yet'
          ) : (
            <>
              <span aria-hidden="true" className="star">
                ★
              </span>{' '}
              {formatRating(expert.rating)} <span className="visually-hidden">out of 5</span> (
              {plural(expert.reviewCount, 'review')})
            </>
          )}
        </dd>
      </div>
      {children}
    </dl>
  );
}
