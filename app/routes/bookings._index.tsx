import { parseWithZod } from '../utils/conform-zod.server';
import {
  json,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';

import { TextField } from '../components/forms';
import { SendLinksForm } from '../components/send-links-form';
import { StatusBadge } from '../components/status-badge';
import { SendLinksFormSchema } from '../schemas/manage-booking-form';
import { readDomainError } from '../utils/domain-error';
import { formatDay, formatTimeSlot, formatTimeZone, plural } from '../utils/format';
import { loaderHeadersOnly, PRIVATE_PAGE_HEADERS } from '../utils/private-page';
import { readForm } from '../utils/read-form';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  if (!params.has('email')) return json({ email: '', bookings: null, error: null });
  const values = params.getAll('email');
  const email = values.length === 1 ? values[0] : values;
  const typed = typeof email === 'string' ? email : '';
  try {
    const bookings = await context.services.bookings.listByEmail({ email });
    return json({ email: typed, bookings, error: null }, { headers: PRIVATE_PAGE_HEADERS });
  } catch (error) {
    const failure = readDomainError(error);
    if (failure?.code !== 'VALIDATION_ERROR') throw error;
    const message = failure.fields?.email ?? failure.message;
    // The answer repeats what was typed, which may well be an address too.
    return json(
      { email: typed, bookings: null, error: message },
      { status: failure.status, headers: PRIVATE_PAGE_HEADERS },
    );
  }
}

/**
 * "Send me my links": the answer is the same whether or not the address has bookings, so the
 * form cannot be used to find out who booked.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: SendLinksFormSchema });
  if (submission.status !== 'success') {
    return json({ result: submission.reply(), sentTo: null }, { status: 400 });
  }
  await context.services.bookings.sendManageLinks({ email: submission.value.email });
  return json({ result: submission.reply({ resetForm: true }), sentTo: submission.value.email });
}

export const headers = loaderHeadersOnly;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data?.bookings
      ? `My bookings (${data.bookings.length}) · Expert Booking`
      : 'My bookings · Expert Booking',
  },
];

export default function MyBookingsPage() {
  const { email, bookings, error } = useLoaderData<typeof loader>();
  const sent = useActionData<typeof action>();
  const navigation = useNavigation();
  const searching = navigation.state === 'loading' && navigation.location.pathname === '/bookings';

  return (
    <div className="stack narrow">
      <header className="page-header">
        <h1>My bookings</h1>
        <p className="lead">
          Enter the email you booked with to see your sessions. To change or cancel one, open its
          private link: we can e-mail you a fresh one.
        </p>
      </header>
      <Form
        method="get"
        action="/bookings"
        className="card lookup-form"
        aria-label="Find my bookings"
      >
        <TextField
          // A new answer from the server resets the field to what was looked up.
          key={email}
          label="Email"
          errors={error ? [error] : undefined}
          inputProps={{
            id: 'email',
            name: 'email',
            type: 'email',
            required: true,
            autoComplete: 'email',
            defaultValue: email,
          }}
        />
        <button type="submit" className="button button--primary">
          {searching ? 'Looking…' : 'Show my bookings'}
        </button>
      </Form>

      <SendLinksForm email={email} lastResult={sent?.result} sentTo={sent?.sentTo ?? null} />

      {bookings === null ? null : bookings.length === 0 ? (
        <section className="empty-state card" aria-labelledby="empty-title">
          <h2 id="empty-title">No bookings yet</h2>
          <p>
            We found no bookings for <strong>{email}</strong>. Check the spelling, or{' '}
            <Link to="/experts">find an expert</Link> and book your first session.
          </p>
        </section>
      ) : (
        <section aria-labelledby="bookings-title" className="stack">
          <h2 id="bookings-title">
            {plural(bookings.length, 'booking')} for {email}
          </h2>
          <ul className="booking-list">
            {bookings.map((booking) => (
              <li key={booking.id} className="card booking-item">
                <div className="booking-item__main">
                  <h3 className="booking-item__expert">{booking.expertName}</h3>
                  <p>
                    {formatDay(booking.date)}, {formatTimeSlot(booking.timeSlot)}{' '}
                    <span className="muted">({formatTimeZone(booking.timezone)})</span>
                  </p>
                </div>
                <StatusBadge status={booking.status} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
