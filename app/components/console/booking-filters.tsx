import { Form, Link } from '@remix-run/react';

import { BOOKING_STATUSES } from '../../../shared/schemas/booking';
import type { ConsoleBookingsPage } from '../../../shared/schemas/console-bookings';
import { formatTimeZone } from '../../../shared/format';
import { DateField, Options, SelectField } from '../forms';

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
      <SelectField
        label="Status"
        selectProps={{ id: 'filter-status', name: 'status', defaultValue: filters.status ?? '' }}
      >
        <Options placeholder="Any status" choices={BOOKING_STATUSES} />
      </SelectField>
      <DateField
        label="From"
        inputProps={{ id: 'filter-from', name: 'from', defaultValue: filters.from }}
      />
      <DateField
        label="To"
        inputProps={{ id: 'filter-to', name: 'to', defaultValue: filters.to }}
      />
      {experts ? (
        <SelectField
          label="Expert"
          selectProps={{ id: 'filter-expert', name: 'expert', defaultValue: filters.expert ?? '' }}
        >
          <Options
            placeholder="Every expert"
            choices={experts.map(({ id, name }) => ({ value: id, label: name }))}
          />
        </SelectField>
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
