import {
  json,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';

import { Announcer } from '../components/console/announcer';
import { BookingFilters } from '../components/console/booking-filters';
import { ResultsCount } from '../components/console/results-count';
import { BookingsTable } from '../components/console/bookings-table';
import { LiveBookings } from '../components/console/live-bookings';
import { ErrorPage, errorTitle } from '../components/error-page';
import { PaginationNav } from '../components/expert-list';
import { NoticeList } from '../components/notice-list';
import type {
  ConsoleActionResult,
  ConsoleBookingsPage,
} from '../../shared/schemas/console-bookings';
import consoleStyles from '../styles/console-bookings.css';
import { isNotFound, notFound, readDomainError } from '../utils/domain-error';
import { failureErrors } from '../utils/failure-reply.server';
import { formatDay, formatTimeSlot, plural } from '../../shared/format';
import { PRIVATE_PAGE_HEADERS } from '../utils/private-page';
import { readForm } from '../utils/read-form';
import { readQuery, withoutKeys } from '../utils/url-query';
import { titleAfterForm } from '../utils/error-title';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: consoleStyles }];

/** The table's state as the URL holds it. */
const QUERY_KEYS = ['status', 'from', 'to', 'expert', 'page'] as const;

const NO_SUCH_EXPERT =
  'There is no expert here by that id, or their bookings are not yours to see.';
const NO_SUCH_BOOKING =
  'There is no such booking among yours. The list shows them as they are now.';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await context.auth.requireUser(request);
  const { consoleBookings } = context.services;
  let query = readQuery(new URL(request.url).searchParams, QUERY_KEYS);
  const notices: string[] = [];
  let page: ConsoleBookingsPage;
  try {
    page = await consoleBookings.list(user, query);
  } catch (error) {
    const failure = readDomainError(error);
    if (isNotFound(failure)) throw notFound(NO_SUCH_EXPERT);
    if (failure?.code !== 'VALIDATION_ERROR' || !failure.fields) throw error;
    // A bad link (an end before the start, page=0) is not worth an error page: say what was
    // wrong and show the table without the parts we could not use.
    const dropped = Object.keys(failure.fields);
    notices.push(...Object.values(failure.fields).map((message) => `${message} We ignored it.`));
    // A range is one thing: a bad end makes the start meaningless too.
    if (dropped.includes('to') || dropped.includes('from')) dropped.push('from', 'to');
    query = withoutKeys(query, dropped);
    page = await consoleBookings.list(user, query);
  }
  // What this console shows, live: the expert's own bookings, or the admin's choice.
  const watch = user.role === 'expert' ? user.expertId : page.filters.expert;
  return json({ page, watch, notices }, { headers: PRIVATE_PAGE_HEADERS });
}

/** Said after a row's action went through. */
function doneMessage(intent: unknown, booking: { name: string; date: string; timeSlot: string }) {
  const what = `${booking.name}, ${formatDay(booking.date)} ${formatTimeSlot(booking.timeSlot)}`;
  if (intent === 'confirm') return `Confirmed: ${what}.`;
  if (intent === 'complete') return `Completed: ${what}.`;
  return `Cancelled: ${what}. The client is told, and the slot is free again.`;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  await context.auth.requireCsrf(request, formData);
  const user = await context.auth.requireUser(request);
  const field = (name: string) => formData.get(name) ?? undefined;
  const input = { intent: field('intent'), bookingId: field('bookingId'), reason: field('reason') };
  const bookingId = typeof input.bookingId === 'string' ? input.bookingId : '';
  try {
    const booking = await context.services.consoleBookings.act(user, input);
    return json<ConsoleActionResult>({
      bookingId: booking.id,
      ok: true,
      message: doneMessage(input.intent, booking),
    });
  } catch (error) {
    const failure = readDomainError(error);
    if (!failure) throw error;
    // Someone else's booking reads like no booking at all: nothing tells that it exists.
    const message = isNotFound(failure)
      ? NO_SUCH_BOOKING
      : failureErrors(failure, { fieldName: () => undefined }).formErrors.join(' ');
    return json<ConsoleActionResult>(
      { bookingId, ok: false, message },
      { status: isNotFound(failure) ? 404 : failure.status },
    );
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, error, matches, location }) => {
  if (error) return [{ title: errorTitle(error) }];
  const page = data && data.page.pagination.page > 1 ? ` (page ${data.page.pagination.page})` : '';
  return [
    { title: titleAfterForm(`Bookings${page} · Console · Expert Booking`, { matches, location }) },
  ];
};

/** How many bookings the filters found, or, when not counted (every expert), which page this is. */
function countText(
  { page, total, totalPages }: ConsoleBookingsPage['pagination'],
  filters: ConsoleBookingsPage['filters'],
): string {
  const range = `from ${formatDay(filters.from)} to ${formatDay(filters.to)}${filters.status ? `, ${filters.status}` : ''}`;
  if (total === null) return `Bookings ${range} · page ${page}, more on the next`;
  const pages = totalPages > 1 ? ` · page ${page} of ${totalPages}` : '';
  return `${plural(total, 'booking')} ${range}${pages}`;
}

export default function ConsoleBookingsPage() {
  const { page, watch, notices } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { pagination, filters } = page;
  const showExpert = Boolean(page.experts) && !filters.expert;

  function pageHref(n: number): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
    if (n > 1) params.set('page', String(n));
    return `/console?${params.toString()}`;
  }

  return (
    <div className="stack">
      <header className="page-header">
        <h1>Bookings</h1>
        <p className="lead">
          Coming sessions first. Confirm new bookings, complete what took place.
        </p>
      </header>
      <Announcer initial={result?.message}>
        <LiveBookings expertId={watch} />
        <BookingFilters filters={filters} experts={page.experts} timezone={page.timezone} />
        <NoticeList notices={notices} role="alert" />
        <ResultsCount text={countText(pagination, filters)} />
        {page.bookings.length > 0 ? (
          <BookingsTable
            bookings={page.bookings}
            showExpert={showExpert}
            pageResult={result ?? undefined}
          />
        ) : (
          <p className="empty-note">
            {pagination.total !== null && pagination.total > 0
              ? `There is no page ${pagination.page}: these bookings fill ${plural(pagination.totalPages, 'page')}.`
              : 'No bookings match these filters.'}
          </p>
        )}
        <PaginationNav pagination={pagination} hrefFor={pageHref} />
      </Announcer>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage notFoundText={NO_SUCH_EXPERT} />;
}
