import {
  json,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
} from '@remix-run/node';
import {
  Link,
  useActionData,
  useLoaderData,
  useSearchParams,
  type ShouldRevalidateFunction,
} from '@remix-run/react';
import { useState } from 'react';

import { ErrorPage } from '../components/error-page';
import { ExpertFacts } from '../components/expert-facts';
import { LiveBookingForm } from '../components/live-booking-form';
import { LatestReviews } from '../components/latest-reviews';
import { SessionLengthChoice } from '../components/session-length-choice';
import { TimeZoneName } from '../components/time-zone-name';
import { ViewerZoneForm, ViewerZoneSelect } from '../components/viewer-zone-select';
import { bookingFormConstraint, parseBookingForm } from '../utils/booking-form.server';
import { isNotFound, notFound, readDomainError } from '../utils/domain-error';
import { failureReply } from '../utils/failure-reply.server';
import { readForm } from '../utils/read-form';
import { chooseDay, groupSlotsByDay } from '../../shared/time/slot-days';
import { adjacentWeeks, lengthParam, PAGE_WINDOW_DAYS } from '../../shared/time/slot-window';
import { useHydrated } from '../utils/use-hydrated';
import { viewerTimeZone } from '../../shared/time/viewer-time';
import { readViewerZone } from '../utils/viewer-zone.server';
import { cancellationPolicy } from '../../shared/time/change-deadline';
import { formPageMetaFromData } from '../utils/page-meta';

/** How many of the newest reviews the expert's page shows; a link leads to all of them. */
const LATEST_REVIEWS = 3;

const EXPERT_NOT_FOUND =
  'We could not find that expert. The link may be mistyped, or the expert may no longer be listed.';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const from = url.searchParams.get('from') ?? undefined;
  const sessionMinutes = url.searchParams.get('sessionMinutes') ?? undefined;
  try {
    const expert = await context.services.experts.get(params.id, {
      from,
      days: String(PAGE_WINDOW_DAYS),
      sessionMinutes,
    });
    const { window } = expert;
    if (!window.sessionLengths.includes(window.sessionMinutes)) {
      // A length the expert does not offer (any more): the same page with the default length.
      url.searchParams.delete('sessionMinutes');
      return redirect(`${url.pathname}${url.search}`);
    }
    const latestReviews = await context.services.reviews.newestForExpertPage(
      expert.id,
      LATEST_REVIEWS,
    );
    const viewer = await readViewerZone(request);
    // A fresh key per run; the page keeps the one it first rendered with, so every submit of
    // that very form is one booking attempt. The form's constraints are worked out here, as
    // the browser would need all of zod to work them out from the schema.
    return json(
      {
        expert,
        latestReviews,
        requestKey: crypto.randomUUID(),
        viewerZone: viewer.zone,
        constraint: bookingFormConstraint(),
      },
      viewer.setCookie ? { headers: { 'Set-Cookie': viewer.setCookie } } : undefined,
    );
  } catch (error) {
    const failure = readDomainError(error);
    if (isNotFound(failure)) throw notFound(EXPERT_NOT_FOUND);
    if (failure?.code === 'VALIDATION_ERROR' && failure.fields?.sessionMinutes) {
      // Not a length at all: the same page with the default length.
      url.searchParams.delete('sessionMinutes');
      throw redirect(`${url.pathname}${url.search}`);
    }
    if (failure?.code === 'VALIDATION_ERROR') {
      throw new Response(`That week does not exist: ${failure.fields?.from ?? failure.message}`, {
        status: 400,
        statusText: 'Bad Request',
      });
    }
    throw error;
  }
}

/** The cookie that remembers a chosen time zone goes out with the page. */
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

/**
 * Another day is the same page: the loader already sent every coming day, so following a day
 * link (with JavaScript) asks nothing of the server. Everything else revalidates as usual.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({
  currentUrl,
  nextUrl,
  formMethod,
  defaultShouldRevalidate,
}) => {
  if (formMethod || currentUrl.pathname !== nextUrl.pathname) return defaultShouldRevalidate;
  const [current, next] = [currentUrl, nextUrl].map((url) => {
    const search = new URLSearchParams(url.search);
    search.delete('day');
    return search.toString();
  });
  const onlyTheDay = current === next && currentUrl.search !== nextUrl.search;
  return onlyTheDay ? false : defaultShouldRevalidate;
};

/** Where a service's field names land on this form: date and time slot are one radio group. */
const FORM_FIELD: Record<string, string> = {
  name: 'name',
  email: 'email',
  phone: 'phone',
  notes: 'notes',
  date: 'slot',
  timeSlot: 'slot',
};

const FORM_ALREADY_USED =
  'This form has already made a booking. To book another session, reload the page and choose ' +
  'again.';

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const submission = parseBookingForm(formData);
  if (submission.status !== 'success') {
    return json(submission.reply(), { status: 400 });
  }
  const { slot, requestKey, ...contact } = submission.value;
  try {
    const booking = await context.services.bookings.create(
      { ...contact, ...slot, expertId: params.id },
      { idempotencyKey: requestKey },
    );
    // Post/redirect/get to the booking's private page: a reload never books again, and a
    // repeated submit of this form gets the same booking with a fresh link to it.
    return redirect(booking.manageUrl, 303);
  } catch (error) {
    const failure = readDomainError(error);
    if (!failure) throw error;
    if (isNotFound(failure)) throw notFound(EXPERT_NOT_FOUND);
    switch (failure.code) {
      case 'SLOT_TAKEN':
      case 'DAY_FULL':
      case 'SLOT_UNAVAILABLE':
        return json(submission.reply({ fieldErrors: { slot: [failure.message] } }), {
          status: failure.status,
        });
      case 'IDEMPOTENCY_KEY_REUSED':
        // This page view already booked (e.g. back to a cached page without JavaScript, another
        // slot chosen): say so, rather than book twice or fail with an error page. The service's
        // sentence speaks of request keys, which this form's visitor never saw.
        return json(submission.reply({ formErrors: [FORM_ALREADY_USED] }), {
          status: failure.status,
        });
      case 'VALIDATION_ERROR':
        return failureReply(failure, submission.reply, { fieldName: (field) => FORM_FIELD[field] });
      default:
        throw error;
    }
  }
}

// Choosing the time and giving the details are one form on this page: its title names the
// first step, as the booking's own page names each later one.
export const meta = formPageMetaFromData<typeof loader>(
  (data) => `Choose a time: Session with ${data.expert.name} · Expert Booking`,
  'Expert not found',
);

export default function ExpertPage() {
  const { expert, latestReviews, requestKey, viewerZone, constraint } =
    useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const days = groupSlotsByDay(expert.slots);
  // The default is settled once per page view and length: a live update that fills the first
  // day must not move the person to another day under their pointer, while another length has
  // days of its own.
  const listed = `${expert.id} ${expert.window.sessionMinutes}`;
  const [defaultDay, setDefaultDay] = useState(() => ({ listed, day: chooseDay(days) }));
  if (defaultDay.listed !== listed) setDefaultDay({ listed, day: chooseDay(days) });
  const chosenDay = searchParams.get('day') ?? undefined;
  const day = chooseDay(days, chosenDay, defaultDay.day);
  const from = searchParams.get('from') ?? undefined;
  const lengthInAddress = lengthParam(expert.window);
  // The server knows only the zone chosen with the select (UTC by default); once the page runs
  // in the browser, the browser's own zone is the truth.
  const hydrated = useHydrated();

  return (
    <div className="stack">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/experts">← All experts</Link>
      </nav>
      <div className="expert-layout">
        <section className="card profile" aria-labelledby="expert-name">
          <p className="eyebrow">{expert.category}</p>
          <h1 id="expert-name">{expert.name}</h1>
          <ExpertFacts expert={expert}>
            <div>
              <dt>Time zone</dt>
              <dd>
                <TimeZoneName zone={expert.timezone} />
              </dd>
            </div>
          </ExpertFacts>
          <h2 className="profile__about">About</h2>
          <p className="profile__bio">{expert.bio}</p>
        </section>
        <div className="card booking-card">
          <ViewerZoneForm />
          <LiveBookingForm
            // Another expert starts afresh: a new form, a new attempt, no live marks. A failed
            // submit or a revalidation of this one keeps everything.
            key={expert.id}
            expertId={expert.id}
            slots={expert.slots}
            constraint={constraint}
            timezone={expert.timezone}
            viewerZone={hydrated ? viewerTimeZone() : viewerZone}
            day={day}
            from={from}
            sessionMinutes={expert.window.sessionMinutes}
            lengthParam={lengthInAddress}
            lengthChoice={
              <SessionLengthChoice
                lengths={expert.window.sessionLengths}
                current={expert.window.sessionMinutes}
                from={from}
                day={chosenDay}
              />
            }
            viewerZoneControl={
              <ViewerZoneSelect
                zone={viewerZone}
                day={day}
                from={from}
                sessionMinutes={lengthInAddress}
              />
            }
            weeks={adjacentWeeks(expert.window)}
            requestKey={requestKey}
            lastResult={lastResult}
            changePolicy={cancellationPolicy(expert.cancellationNoticeMinutes)}
          />
        </div>
        {/* After the form: on a phone, a full day's times and the form come first. */}
        <div className="card expert-reviews">
          <LatestReviews expert={expert} reviews={latestReviews} />
        </div>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage notFoundText={EXPERT_NOT_FOUND} />;
}
