import { Link } from '@remix-run/react';

import type { ExpertSummary, Pagination as PaginationInfo } from '../../shared/schemas/expert';
import { focusAfter } from '../utils/focus-after-navigation';
import { formatShortDay, formatTimeSlot, formatTimeZone } from '../../shared/format';
import { useHydrated } from '../utils/use-hydrated';
import { formatViewerStart, viewerTimeZone } from '../../shared/time/viewer-time';
import { ExpertFacts } from './expert-facts';

export function ExpertCard({ expert }: { expert: ExpertSummary }) {
  const hydrated = useHydrated();
  const showViewerTime = hydrated && viewerTimeZone() !== expert.timezone;
  const next = expert.nextAvailableSlot;
  const headingId = `expert-${expert.id}-name`;
  return (
    <article className="card expert-card" aria-labelledby={headingId}>
      <div className="expert-card__top">
        <span className="avatar" aria-hidden="true">
          {initials(expert.name)}
        </span>
        <div>
          <h2 id={headingId} className="expert-card__name">
            <Link to={`/experts/${expert.id}`} className="card-link">
              {expert.name}
            </Link>
          </h2>
          <p className="expert-card__category">{expert.category}</p>
        </div>
      </div>
      <ExpertFacts expert={expert}>
        <div className="facts__wide">
          <dt>Next free slot</dt>
          <dd>
            {next ? (
              <>
                {formatShortDay(next.date)}, {formatTimeSlot(next.timeSlot)}{' '}
                <span className="muted">({formatTimeZone(expert.timezone)})</span>
                {showViewerTime ? (
                  <span className="muted block">
                    Your time: {formatViewerStart(next.startsAt, next.date, viewerTimeZone())}
                  </span>
                ) : null}
              </>
            ) : (
              <span className="muted">No free slots in the coming days</span>
            )}
          </dd>
        </div>
      </ExpertFacts>
    </article>
  );
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('');
}

/** `Showing 11–20 of 57` for the page in view. */
export function showingText({ page, limit, total }: PaginationInfo, count: number): string {
  if (total === 0 || count === 0) return `Showing 0 of ${total}`;
  const first = (page - 1) * limit + 1;
  return `Showing ${first}–${first + count - 1} of ${total}`;
}

/**
 * Which page numbers to link: all of them when there are few, otherwise the first, the last and
 * the neighbours of the current one, with gaps (`null`) in between.
 */
export function pageWindow(page: number, totalPages: number): (number | null)[] {
  if (totalPages <= 7) return Array.from({ length: totalPages }, (_, index) => index + 1);
  const wanted = new Set([1, totalPages, page - 1, page, page + 1]);
  const pages = [...wanted].filter((n) => n >= 1 && n <= totalPages).sort((a, b) => a - b);
  const result: (number | null)[] = [];
  for (const n of pages) {
    const previous = result.at(-1);
    if (typeof previous === 'number' && n - previous > 1) result.push(null);
    result.push(n);
  }
  return result;
}

export function PaginationNav({
  pagination,
  hrefFor,
  focusId,
}: {
  pagination: Pick<PaginationInfo, 'page' | 'totalPages'>;
  hrefFor: (page: number) => string;
  /**
   * The id of what focus goes to once another page is shown (the results' heading): the link
   * followed stays, off-screen at the bottom of the page that replaced its own.
   */
  focusId?: string;
}) {
  const { page, totalPages } = pagination;
  if (totalPages <= 1) return null;
  const state = focusId ? focusAfter(focusId) : undefined;
  const hasPrevious = page > 1;
  const hasNext = page < totalPages;
  return (
    <nav className="pagination" aria-label="Pagination">
      <ul className="pagination__list">
        <li>
          {hasPrevious ? (
            <Link
              to={hrefFor(Math.min(page - 1, totalPages))}
              state={state}
              className="pagination__link"
              rel="prev"
            >
              <span aria-hidden="true">←</span> Previous
            </Link>
          ) : (
            <span className="pagination__link is-disabled" aria-disabled="true">
              <span aria-hidden="true">←</span> Previous
            </span>
          )}
        </li>
        {pageWindow(page, totalPages).map((n, index) =>
          n === null ? (
            <li key={`gap-${index}`} className="pagination__gap" aria-hidden="true">
              …
            </li>
          ) : (
            <li key={n}>
              <Link
                to={hrefFor(n)}
                state={state}
                className="pagination__link pagination__number"
                aria-current={n === page ? 'page' : undefined}
                aria-label={`Page ${n}`}
              >
                {n}
              </Link>
            </li>
          ),
        )}
        <li>
          {hasNext ? (
            <Link to={hrefFor(page + 1)} state={state} className="pagination__link" rel="next">
              Next <span aria-hidden="true">→</span>
            </Link>
          ) : (
            <span className="pagination__link is-disabled" aria-disabled="true">
              Next <span aria-hidden="true">→</span>
            </span>
          )}
        </li>
      </ul>
    </nav>
  );
}

/** The cards of one page, with where we are in the whole list. */
export function ExpertList({
  experts,
  pagination,
  hrefFor,
}: {
  experts: readonly ExpertSummary[];
  pagination: PaginationInfo;
  hrefFor: (page: number) => string;
}) {
  return (
    <section aria-labelledby="results-title" className="results">
      {/* Focus lands here after another page is chosen: it says which page that is. */}
      <h2 id="results-title" className="visually-hidden">
        {pagination.totalPages > 1
          ? `Experts, page ${pagination.page} of ${pagination.totalPages}`
          : 'Experts'}
      </h2>
      <p className="results__count" role="status">
        {showingText(pagination, experts.length)}
      </p>
      <ul className="card-grid">
        {experts.map((expert) => (
          <li key={expert.id}>
            <ExpertCard expert={expert} />
          </li>
        ))}
      </ul>
      <PaginationNav pagination={pagination} hrefFor={hrefFor} focusId="results-title" />
    </section>
  );
}
