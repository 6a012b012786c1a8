import { parseWithZod } from '@conform-to/zod/v4';
import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';

import { ErrorPage } from '../components/error-page';
import { ExpertFacts } from '../components/expert-facts';
import { LiveBookingForm } from '../components/live-booking-form';
import { BookingFormSchema } from '../schemas/booking-form';
import { isNotFound, notFound, readDomainError } from '../utils/domain-error';
import { formatTimeZone } from '../utils/format';

const EXPERT_NOT_FOUND =
  'We could not find that expert. The link may be mistyped, or the expert may no longer be listed.';

export async function loader({ params, context }: LoaderFunctionArgs) {
  try {
    const expert = await context.services.experts.get(params.id);
    // A fresh key per run; the page keeps the one it first rendered with, so every submit of
    // that very form is one booking attempt.
    return json({ expert, requestKey: crypto.randomUUID() });
  } catch (error) {
    if (isNotFound(readDomainError(error))) throw notFound(EXPERT_NOT_FOUND);
    throw error;
  }
}

/** Where a service's field names land on this form: date and time slot are one radio group. */
const FORM_FIELD: Record<string, string> = {
  name: 'name',
  email: 'email',
  phone: 'phone',
  notes: 'notes',
  date: 'slot',
  timeSlot: 'slot',
};

/** A body that is not the form it claims to be (a mangled multipart) is the client's fault. */
async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw new Response('The form could not be read.', { status: 400, statusText: 'Bad Request' });
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: BookingFormSchema });
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
      case 'SLOT_UNAVAILABLE':
        return json(submission.reply({ fieldErrors: { slot: [failure.message] } }), {
          status: failure.status,
        });
      case 'IDEMPOTENCY_KEY_REUSED':
        // This page view already booked (e.g. back to a cached page without JavaScript, another
        // slot chosen): say so, rather than book twice or fail with an error page.
        return json(submission.reply({ formErrors: [failure.message] }), {
          status: failure.status,
        });
      case 'VALIDATION_ERROR': {
        const fieldErrors: Record<string, string[]> = {};
        const formErrors: string[] = [];
        for (const [field, message] of Object.entries(failure.fields ?? {})) {
          const name = FORM_FIELD[field];
          if (name) (fieldErrors[name] ??= []).push(message);
          else formErrors.push(message);
        }
        if (formErrors.length === 0 && Object.keys(fieldErrors).length === 0) {
          formErrors.push(failure.message);
        }
        return json(submission.reply({ formErrors, fieldErrors }), { status: failure.status });
      }
      default:
        throw error;
    }
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${data.expert.name}, ${data.expert.category} · Expert Booking`
      : 'Expert not found · Expert Booking',
  },
];

export default function ExpertPage() {
  const { expert, requestKey } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();

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
            <div className="facts__wide">
              <dt>Time zone</dt>
              <dd>{formatTimeZone(expert.timezone)}</dd>
            </div>
          </ExpertFacts>
          <h2 className="profile__about">About</h2>
          <p className="profile__bio">{expert.bio}</p>
        </section>
        <div className="card booking-card">
          <LiveBookingForm
            // Another expert starts afresh: a new form, a new attempt, no live marks. A failed
            // submit or a revalidation of this one keeps everything.
            key={expert.id}
            expertId={expert.id}
            slots={expert.slots}
            timezone={expert.timezone}
            requestKey={requestKey}
            lastResult={lastResult}
          />
        </div>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage notFoundText={EXPERT_NOT_FOUND} />;
}
