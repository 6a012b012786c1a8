import { Link } from '@remix-run/react';

import { slotPageHref } from '../../shared/time/slot-window';

const LABEL_ID = 'session-length-label';

/**
 * The first choice on an expert's page when the expert offers more than one session length: a
 * row of links, one per length, shortest first, the listed one marked `aria-current`. Plain links,
 * so it works without JavaScript (each length is the page for that length); with JavaScript Remix
 * follows them in place, asking the loader for the new length's slots, never for a new document.
 *
 * The week stays. So does a day the person chose: if the new length offers nothing that day, the
 * page falls back to its first day with a free slot.
 */
export function SessionLengthChoice({
  lengths,
  current,
  from,
  day,
}: {
  /** Every length the expert offers, the default first (`window.sessionLengths`). */
  lengths: readonly number[];
  /** The length whose slots are listed. */
  current: number;
  from?: string;
  /** The day the person chose (`?day=`), if any. */
  day?: string;
}) {
  if (lengths.length < 2) return null;
  const [defaultLength] = lengths;
  const shortestFirst = [...lengths].sort((a, b) => a - b);
  return (
    <div className="length-choice">
      <p id={LABEL_ID} className="length-choice__label">
        Session length
      </p>
      <ul className="length-choice__list" aria-labelledby={LABEL_ID}>
        {shortestFirst.map((minutes) => (
          <li key={minutes}>
            <Link
              to={slotPageHref({
                from,
                day,
                sessionMinutes: minutes === defaultLength ? undefined : minutes,
              })}
              preventScrollReset
              discover="none"
              className="length"
              aria-current={minutes === current ? 'page' : undefined}
            >
              {/* Two stacked lines, like the days below; the space keeps them two words. */}
              <span className="length__minutes">{minutes}</span>{' '}
              <span className="length__unit">minutes</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
