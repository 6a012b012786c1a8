import { parseWithZod } from '../utils/conform-zod.server';
import {
  json,
  redirect,
  type ActionFunctionArgs,
  type AppLoadContext,
  type LoaderFunctionArgs,
} from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';

import { ErrorPage } from '../components/error-page';
import { useAnnounceWhenChanged } from '../components/live-announcer';
import { ReviewCard } from '../components/review-card';
import { ReviewForm } from '../components/review-form';
import {
  BookingDetails,
  BookingHistory,
  bookingHeadline,
  bookingPageTitle,
  CancelStep,
  ChangeErrors,
  ConfirmRescheduleStep,
  ManageActions,
  RemindersAndDeadline,
  RescheduleStep,
  useAnnounceMove,
} from '../components/manage-booking';
import { calendarUrl, manageUrl } from '../../shared/schemas/booking-record';
import type { Slot } from '../../shared/schemas/expert';
import { SlotChoiceSchema } from '../../shared/schemas/booking-form';
import { isManageStep, ManageBookingFormSchema } from '../../shared/schemas/manage-booking-form';
import { browserCookieHeaders, readBrowserToken } from '../utils/booking-browser.server';
import { isNotFound, messageForViewer, notFound, readDomainError } from '../utils/domain-error';
import { focusTarget } from '../utils/focus-after-navigation';
import { loaderHeadersOnly, PRIVATE_PAGE_HEADERS } from '../utils/private-page';
import { readForm } from '../utils/read-form';
import { sessionMinutesOf } from '../../shared/time/slot-length';
import { useHydrated } from '../utils/use-hydrated';
import { viewerTimeZone } from '../../shared/time/viewer-time';
import { readViewerZone } from '../utils/viewer-zone.server';
import { formPageMetaFromData } from '../utils/page-meta';

/** Said alike for an unknown booking and a wrong link: the page never tells which it was. */
const BOOKING_NOT_FOUND =
  'This booking page opens only through its private link. Use the link from your confirmation, ' +
  'or ask for your links on the My bookings page.';

/**
 * The slots a booking can move to: of its own length while the expert still offers it (the label
 * names the length, and moving to a label books that label's length), else of the default one.
 */
async function sameLengthSlots(
  context: AppLoadContext,
  booking: { expertId: string; timeSlot: string },
): Promise<Slot[]> {
  const { experts } = context.services;
  try {
    const query = { sessionMinutes: String(sessionMinutesOf(booking.timeSlot)) };
    return (await experts.get(booking.expertId, query)).slots;
  } catch (error) {
    if (readDomainError(error)?.code !== 'VALIDATION_ERROR') throw error;
    return (await experts.get(booking.expertId)).slots;
  }
}

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const query = new URL(request.url).searchParams;
  const token = query.get('token') ?? '';
  const asked = query.get('step');
  let step = isManageStep(asked) ? asked : undefined;
  try {
    const booking = await context.services.bookings.getByManageLink(params.id, token);
    // Only a Pending or Confirmed booking can move. The cancel step stays reachable: going Back
    // to it and confirming again is answered with the booking as it is.
    const changeable = booking.status === 'Pending' || booking.status === 'Confirmed';
    if (!changeable && step !== 'cancel') step = undefined;
    // Inside the cancellation notice the buttons give way to the deadline; a step reached by an
    // older link still shows, and its answer says why the change is refused.
    const changeClosed =
      changeable && (await context.services.bookings.clientChangeClosed(booking));
    const choice = SlotChoiceSchema.safeParse(query.get('slot') ?? undefined);
    const target = step === 'confirm-reschedule' && choice.success ? choice.data : null;
    // A confirmation without a slot (the radio left empty) goes back to choosing one.
    if (step === 'confirm-reschedule' && !target) step = 'reschedule';
    const slots = step === 'reschedule' ? await sameLengthSlots(context, booking) : null;
    const day = step === 'reschedule' ? (query.get('day') ?? undefined) : undefined;
    const review =
      booking.status === 'Completed'
        ? await context.services.reviews.ofBooking(booking.id, { by: 'client', token })
        : null;
    // The link proves this booking to this browser: its My bookings page lists it from now on.
    const browser = await context.services.bookings.rememberBooking(
      booking.id,
      await readBrowserToken(request),
    );
    const viewer = await readViewerZone(request);
    return json(
      {
        booking,
        token,
        step,
        slots,
        day,
        target,
        review,
        viewerZone: viewer.zone,
        changeClosed,
      },
      { headers: { ...PRIVATE_PAGE_HEADERS, ...(await browserCookieHeaders(request, browser)) } },
    );
  } catch (error) {
    if (isNotFound(readDomainError(error))) throw notFound(BOOKING_NOT_FOUND);
    throw error;
  }
}

/**
 * Cancel and reschedule, then back to the booking (post/redirect/get). Both are safe to repeat:
 * a second cancel finds it cancelled, a second move finds it already in the slot.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: ManageBookingFormSchema });
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
  const form = submission.value;
  const access = { by: 'client', token: form.token } as const;
  try {
    if (form.intent === 'cancel') {
      await context.services.bookings.cancel(params.id, { reason: form.reason }, access);
    } else if (form.intent === 'review') {
      const { rating, comment } = form;
      await context.services.reviews.create(params.id, { rating, comment }, access);
    } else {
      await context.services.bookings.reschedule(params.id, form.slot, access);
    }
    return redirect(manageUrl(String(params.id), form.token), 303);
  } catch (error) {
    const failure = readDomainError(error);
    if (!failure) throw error;
    if (isNotFound(failure) || failure.code === 'FORBIDDEN') throw notFound(BOOKING_NOT_FOUND);
    const { zone } = await readViewerZone(request);
    const message = messageForViewer(error, failure, zone);
    return json(submission.reply({ formErrors: [message] }), { status: failure.status });
  }
}

export const headers = loaderHeadersOnly;

// The address holds the booking's key: no search engine, no referrer beyond this site.
export const meta = formPageMetaFromData<typeof loader>(
  (data) => bookingPageTitle(data.booking, data.step, Boolean(data.review)),
  'Booking not found',
  { name: 'robots', content: 'noindex' },
);

export default function BookingPage() {
  const { booking, token, step, slots, day, target, review, viewerZone, changeClosed } =
    useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const reviewFormShown = booking.status === 'Completed' && !review && !step;
  // The review form shows its own errors; the others, and a review refused because one was
  // published meanwhile (the form is gone), show above the booking.
  const reviewResult =
    reviewFormShown && lastResult?.initialValue?.intent === 'review' ? lastResult : undefined;
  const errors = reviewResult ? undefined : (lastResult?.error?.[''] ?? undefined);
  // The viewer's own zone once the browser tells it; until then the one the server knows.
  const zone = useHydrated() ? viewerTimeZone() : viewerZone;
  useAnnounceMove(booking);
  useAnnounceWhenChanged(review?.id, 'Thank you: your review is published.');
  return (
    <div className="stack narrow">
      <section className="card confirmation" aria-labelledby="confirmation-title">
        {booking.status === 'Cancelled' ? null : (
          <p className="confirmation__check" aria-hidden="true">
            ✓
          </p>
        )}
        <h1 id="confirmation-title" {...focusTarget()}>
          {bookingHeadline(booking)}
        </h1>
        <p className="lead">
          {booking.status === 'Pending' ? `${booking.expertName} will confirm it soon. ` : ''}
          This page&apos;s address is your private link to this booking: keep it to come back.
        </p>
        {/* A change refused after its step closed (Back to a move, once cancelled) says why here. */}
        {step ? null : <ChangeErrors errors={errors} />}
        <BookingDetails booking={booking} />
        <RemindersAndDeadline booking={booking} zone={zone} changeClosed={changeClosed} />
        {step || changeClosed ? null : <ManageActions booking={booking} token={token} />}
        <p>
          <a href={calendarUrl(booking.id, token)} download className="target-link">
            Add to my calendar (.ics)
          </a>
        </p>
      </section>
      {step === 'cancel' ? (
        <CancelStep booking={booking} token={token} errors={errors} zone={zone} />
      ) : null}
      {step === 'reschedule' && slots ? (
        <RescheduleStep booking={booking} token={token} slots={slots} day={day} errors={errors} />
      ) : null}
      {step === 'confirm-reschedule' && target ? (
        <ConfirmRescheduleStep
          booking={booking}
          token={token}
          target={target}
          errors={errors}
          zone={zone}
        />
      ) : null}
      {booking.status === 'Completed' && !step ? (
        review ? (
          <section className="card stack" aria-labelledby="your-review-title">
            <h2 id="your-review-title">Your review</h2>
            <ReviewCard review={review} />
            <p>
              <Link to={`/experts/${booking.expertId}/reviews`}>
                All reviews of {booking.expertName}
              </Link>
            </p>
          </section>
        ) : (
          <ReviewForm
            action={manageUrl(booking.id, token)}
            token={token}
            expertName={booking.expertName}
            lastResult={reviewResult}
          />
        )
      ) : null}
      <BookingHistory history={booking.history} />
      <p className="actions">
        <Link className="button" to="/bookings">
          My bookings
        </Link>
        <Link className="button" to="/experts">
          Book another session
        </Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage notFoundText={BOOKING_NOT_FOUND} />;
}
