import { Form, Link } from '@remix-run/react';

import { BOOKING_STATUSES } from '../../schemas/booking';
import type { ConsoleBookingsPage } from '../../schemas/console-bookings';
import { formatTimeZone } from '../../utils/format';

/**
 * The table's filters as a GET form: the URL holds them, so a filtered view is a link, the back
 * button works, and nothing needs JavaScript. A new filter starts again on page 1.
 */
export function BookingFilters({
  filters,
  experts,
  timezone,
}: Pick<ConsoleBookingsPage, 'filters' | 'experts' | 'timezone'>) {
  return (
    <Form method="get" className="console-filters" aria-label="Filter bookings">
      <div className="field">
        <label htmlFor="filter-status" className="field__label">
          Status
        </label>
        <select
          id="filter-status"
          name="status"
          className="input"
          defaultValue={filters.status ?? ''}
        >
          <option value="">Any status</option>
          {BOOKING_STATUSES.map((status) => (
            <option key={status} value={status}>
              {status}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-from" className="field__label">
          From
        </label>
        <input
          id="filter-from"
          name="from"
          type="date"
          className="input"
          defaultValue={filters.from}
        />
      </div>
      <div className="field">
        <label htmlFor="filter-to" className="field__label">
          To
        </label>
        <input id="filter-to" name="to" type="date" className="input" defaultValue={filters.to} />
      </div>
      {experts ? (
        <div className="field">
          <label htmlFor="filter-expert" className="field__label">
            Expert
          </label>
          <select
            id="filter-expert"
            name="expert"
            className="input"
            defaultValue={filters.expert ?? ''}
          >
            <option value="">Every expert</option>
            {experts.map((expert) => (
              <option key={expert.id} value={expert.id}>
                {expert.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="console-filters__buttons">
        <button type="submit" className="button button--primary">
          Show bookings
        </button>
        <Link to="/console" className="button">
          Reset
        </Link>
      </div>
      <p className="console-filters__hint muted">
        Dates are the session&apos;s own day in its expert&apos;s time zone
        {filters.expert || !experts ? ` (${formatTimeZone(timezone)})` : ''}.
      </p>
    </Form>
  );
}
