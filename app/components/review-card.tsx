import type { PublicReview } from '../../shared/schemas/review';
import { formatMonth } from '../../shared/format';

/** One review as anyone reads it: who, when, how many stars (in words too), and any reply. */
export function ReviewCard({
  review,
  headingLevel = 3,
}: {
  review: PublicReview;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article className="review stack">
      <Heading className="review__title">
        <span aria-hidden="true" className="star">
          {'★'.repeat(review.rating)}
          {'☆'.repeat(5 - review.rating)}
        </span>{' '}
        <span className="visually-hidden">Rated {review.rating} out of 5, </span>
        {review.author}
        <span className="muted"> · session in {formatMonth(review.sessionMonth)}</span>
      </Heading>
      {review.comment ? <p className="review__comment">{review.comment}</p> : null}
      {review.reply ? (
        <div className="review__reply">
          <p className="muted">The expert replied:</p>
          <p>{review.reply.text}</p>
        </div>
      ) : null}
    </article>
  );
}
