import { parseWithZod } from '../utils/conform-zod.server';
import {
  json,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';

import { EmailRequestForm } from '../components/email-request-form';
import { SendLinksForm } from '../components/send-links-form';
import { StatusBadge } from '../components/status-badge';
import { LIST_LINK_MINUTES, MyBookingsFormSchema } from '../../shared/schemas/booking-list';
import { readBrowserToken } from '../utils/booking-browser.server';
import { readDomainError } from '../utils/domain-error';
import { formatDay, formatTimeSlot, formatTimeZone, plural } from '../../shared/format';
import { loaderHeadersOnly, PRIVATE_PAGE_HEADERS } from '../utils/private-page';
import { readForm } from '../utils/read-form';
import { titleAfterForm } from '../utils/error-title';

/**
 * What this browser may see: the bookings it made or opened, and those of the addresses it
 * proved by a mailed link. `?email=` (the seed's call) asks for one address, listed only once
 * proven; otherwise the page tells nothing, not even whether the address has bookings.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const values = params.getAll('email');
  const asked = values.length === 0 ? {} : { email: values.length === 1 ? values[0] : values };
  const typed = typeof asked.email === 'string' ? asked.email : '';
  try {
    const list = await context.services.bookings.listForBrowser(
      await readBrowserToken(request),
      asked,
    );
    return json(
      { email: list.email ?? typed, asked: 'email' in asked, bookings: list.bookings, error: null },
      { headers: PRIVATE_PAGE_HEADERS },
    );
  } catch (error) {
    const failure = readDomainError(error);
    if (failure?.code !== 'VALIDATION_ERROR') throw error;
    const message = failure.fields?.email ?? failure.message;
    // The answer repeats what was typed, which may well be an address too.
    return json(
      { email: typed, asked: true, bookings: null, error: message },
      { status: failure.status, headers: PRIVATE_PAGE_HEADERS },
    );
  }
}

/**
 * E-mail the address a link to its list, or a fresh link to each coming booking. The answer is
 * the same whether or not the address has bookings; an address gets only a few such mails an
 * hour, whoever asks.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: MyBookingsFormSchema });
  if (submission.status !== 'success') {
    const intent = submission.payload.intent === 'links' ? 'links' : 'list';
    return json({ intent, result: submission.reply(), sentTo: null }, { status: 400 });
  }
  const { intent, email } = submission.value;
  const { bookings } = context.services;
  try {
    if (intent === 'list') await bookings.sendListLink({ email });
    else await bookings.sendManageLinks({ email });
  } catch (error) {
    const failure = readDomainError(error);
    if (failure?.code !== 'RATE_LIMITED') throw error;
    return json(
      {
        intent,
        result: submission.reply({ fieldErrors: { email: [failure.message] } }),
        sentTo: null,
      },
      { status: failure.status },
    );
  }
  return json({ intent, result: submission.reply({ resetForm: true }), sentTo: email });
}

export const headers = loaderHeadersOnly;

export const meta: MetaFunction<typeof loader> = ({ data, matches, location }) => [
  {
    title: titleAfterForm(
      data?.bookings?.length
        ? `My bookings (${data.bookings.length}) · Expert Booking`
        : 'My bookings · Expert Booking',
      { matches, location },
    ),
  },
];

function ListLinkForm({
  email,
  errors,
  sentTo,
}: {
  email: string;
  errors?: string[];
  sentTo: string | null;
}) {
  return (
    <EmailRequestForm
      intent="list"
      name="Find my bookings"
      fieldId="email"
      label="Email"
      hint={`We e-mail it a link that shows its bookings in this browser (valid ${LIST_LINK_MINUTES} minutes, once).`}
      submitLabel="E-mail me my bookings"
      primary
      email={email}
      errors={errors}
      sentTo={sentTo}
      sent={(address) => (
        <>
          We have sent <strong>{address}</strong> a link to its bookings. Open it in this browser
          within {LIST_LINK_MINUTES} minutes.
        </>
      )}
    />
  );
}

export default function MyBookingsPage() {
  const { email, asked, bookings, error } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const listAnswer = answer?.intent === 'list' ? answer : undefined;
  const linksAnswer = answer?.intent === 'links' ? answer : undefined;
  const listErrors = error ? [error] : (listAnswer?.result.error?.email ?? undefined);
  const heading = (count: number) =>
    asked
      ? `${plural(count, 'booking')} for ${email}`
      : `${plural(count, 'booking')} in this browser`;

  return (
    <div className="stack narrow">
      <header className="page-header">
        <h1>My bookings</h1>
        <p className="lead">
          Bookings you made or opened in this browser are listed here. To see every booking of your
          address, we e-mail it a link. To change or cancel one, open its private link: we can
          e-mail you a fresh one.
        </p>
      </header>

      {asked && bookings === null && !error ? (
        <p className="card" role="note">
          To see the bookings of <strong>{email}</strong>, open the link we e-mail to it.
        </p>
      ) : null}

      <ListLinkForm email={email} errors={listErrors} sentTo={listAnswer?.sentTo ?? null} />
      <SendLinksForm
        email={email}
        lastResult={linksAnswer?.result}
        sentTo={linksAnswer?.sentTo ?? null}
      />

      {bookings === null || (bookings.length === 0 && !asked) ? null : bookings.length === 0 ? (
        <section className="empty-state card" aria-labelledby="empty-title">
          <h2 id="empty-title">No bookings yet</h2>
          <p>
            We found no bookings for <strong>{email}</strong>.{' '}
            <Link to="/experts">Find an expert</Link> and book your first session.
          </p>
        </section>
      ) : (
        <section aria-labelledby="bookings-title" className="stack">
          <h2 id="bookings-title">{heading(bookings.length)}</h2>
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
