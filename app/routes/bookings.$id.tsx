import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';

import { ErrorPage } from '../components/error-page';
import { StatusBadge } from '../components/status-badge';
import { isNotFound, notFound, readDomainError } from '../utils/domain-error';
import { formatDay, formatTimeSlot, formatTimeZone } from '../utils/format';
import { loaderHeadersOnly, PRIVATE_PAGE_HEADERS } from '../utils/private-page';

const BOOKING_NOT_FOUND =
  'We could not find that booking. Please check the link, or look your bookings up by email.';

export async function loader({ params, context }: LoaderFunctionArgs) {
  try {
    return json(
      { booking: await context.services.bookings.get(params.id) },
      { headers: PRIVATE_PAGE_HEADERS },
    );
  } catch (error) {
    if (isNotFound(readDomainError(error))) throw notFound(BOOKING_NOT_FOUND);
    throw error;
  }
}

export const headers = loaderHeadersOnly;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `Booking with ${data.booking.expertName} · Expert Booking`
      : 'Booking not found · Expert Booking',
  },
];

export default function BookingPage() {
  const { booking } = useLoaderData<typeof loader>();
  return (
    <div className="stack narrow">
      <section className="card confirmation" aria-labelledby="confirmation-title">
        <p className="confirmation__check" aria-hidden="true">
          ✓
        </p>
        <h1 id="confirmation-title">Your session is booked</h1>
        <p className="lead">
          {booking.status === 'Pending'
            ? `${booking.expertName} will confirm it soon. Keep this page or look it up by email.`
            : `This booking is ${booking.status.toLowerCase()}.`}
        </p>
        <dl className="details">
          <div>
            <dt>Expert</dt>
            <dd>
              <Link to={`/experts/${booking.expertId}`}>{booking.expertName}</Link>
            </dd>
          </div>
          <div>
            <dt>Date</dt>
            <dd>{formatDay(booking.date)}</dd>
          </div>
          <div>
            <dt>Time slot</dt>
            <dd>{formatTimeSlot(booking.timeSlot)}</dd>
          </div>
          <div>
            <dt>Time zone</dt>
            <dd>{formatTimeZone(booking.timezone)}</dd>
          </div>
          <div>
            <dt>Status</dt>
            <dd>
              <StatusBadge status={booking.status} />
            </dd>
          </div>
          <div>
            <dt>Booked by</dt>
            <dd>
              {booking.name}
              <span className="block muted">{booking.email}</span>
            </dd>
          </div>
        </dl>
        <p className="actions">
          <Link
            className="button button--primary"
            to={`/bookings?email=${encodeURIComponent(booking.email)}`}
          >
            See all my bookings
          </Link>
          <Link className="button" to="/experts">
            Book another session
          </Link>
        </p>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage notFoundText={BOOKING_NOT_FOUND} />;
}
