import {
  getFormProps,
  getTextareaProps,
  useForm,
  type FormMetadata,
  type SubmissionResult,
} from '@conform-to/react';
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useLocation } from '@remix-run/react';
import type { ReactNode } from 'react';

import { ErrorSummary } from '../components/console/error-summary';
import { CsrfField } from '../components/csrf-field';
import { ErrorPage } from '../components/error-page';
import { TextareaField, TextField } from '../components/forms';
import { useAnnounceWhenChanged } from '../components/live-announcer';
import { ReviewCard } from '../components/review-card';
import {
  ConsoleReviewFormSchema,
  REVIEW_COMMENT_MAX,
  type ConsoleReview,
  type HideReviewInput,
  type ReviewReplyInput,
} from '../../shared/schemas/review';
import { parseWithZod } from '../utils/conform-zod.server';
import { replyWithFailure, savedMark, throwPageFailure } from '../utils/console-failures.server';
import { isNotFound, readDomainError } from '../utils/domain-error';
import { formatDay } from '../../shared/format';
import { PRIVATE_PAGE_HEADERS } from '../utils/private-page';
import { readForm } from '../utils/read-form';
import { useIsPending } from '../utils/use-is-pending';
import { formPageMetaFromData } from '../utils/page-meta';

export { consoleHeaders as headers, consoleLinks as links } from '../utils/console-page';

const EXPERT_NOT_FOUND = 'No expert was found with that id.';
const REVIEW_NOT_FOUND =
  'That review is not among these reviews any more. Reload the page to see them as they are.';

const DONE: Record<'reply' | 'hide', string> = {
  reply: 'Reply published. It shows under the review on the public pages.',
  hide: 'Review hidden. It no longer counts in the rating or shows in the list.',
};

/** An expert's own reviews; an admin's for the expert named by `?expert=`. */
function expertIdOf(user: { role: string; expertId?: string }, url: URL): string | null {
  return user.role === 'expert' ? (user.expertId ?? null) : url.searchParams.get('expert');
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await context.auth.requireUser(request);
  const url = new URL(request.url);
  const expertId = expertIdOf(user, url);
  const done = url.searchParams.get('done');
  const saved = savedMark(request);
  if (!expertId) {
    return json(
      { role: user.role, listed: null, saved, done: null as 'reply' | 'hide' | null },
      { headers: PRIVATE_PAGE_HEADERS },
    );
  }
  try {
    const listed = await context.services.reviews.listForConsole(user, expertId);
    const what: 'reply' | 'hide' | null = done === 'reply' || done === 'hide' ? done : null;
    return json({ role: user.role, listed, saved, done: what }, { headers: PRIVATE_PAGE_HEADERS });
  } catch (error) {
    throwPageFailure(error, EXPERT_NOT_FOUND);
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await context.auth.requireUser(request);
  const formData = await readForm(request);
  await context.auth.requireCsrf(request, formData);
  const submission = parseWithZod(formData, { schema: ConsoleReviewFormSchema });
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
  const form = submission.value;
  try {
    if (form.intent === 'reply') {
      await context.services.reviews.reply(user, form.reviewId, { reply: form.reply });
    } else {
      await context.services.reviews.hide(user, form.reviewId, { reason: form.reason });
    }
  } catch (error) {
    // A second reply (another tab got there first), or a review that is not there (any more,
    // or not this expert's), is said on the form, not as an error page.
    const failure = readDomainError(error);
    if (failure?.code === 'REVIEW_NOT_ALLOWED') {
      return json(submission.reply({ formErrors: [failure.message] }), { status: 409 });
    }
    if (isNotFound(failure)) {
      return json(submission.reply({ formErrors: [REVIEW_NOT_FOUND] }), { status: 404 });
    }
    return replyWithFailure(error, submission.reply, EXPERT_NOT_FOUND);
  }
  const url = new URL(request.url);
  url.searchParams.set('saved', String(Date.now()));
  url.searchParams.set('done', form.intent);
  return redirect(`${url.pathname}${url.search}`, 303);
}

export const meta = formPageMetaFromData<typeof loader>(
  (data) =>
    `Reviews${data.listed ? ` of ${data.listed.expert.name}` : ''} · Console · Expert Booking`,
  'Expert not found',
);

/**
 * One of a review's actions (reply, hide) as its own form: it names the review and the intent,
 * and lists what stopped its last attempt above its fields.
 */
function ReviewActionForm<Schema extends Record<string, unknown>>({
  form,
  intent,
  reviewId,
  attempt,
  children,
}: {
  form: FormMetadata<Schema, string[]>;
  intent: 'reply' | 'hide';
  reviewId: string;
  attempt: SubmissionResult<string[]> | null | undefined;
  children: ReactNode;
}) {
  const location = useLocation();
  const errors = Object.entries(form.allErrors).flatMap(([name, messages]) =>
    messages.map((message) => ({ fieldId: name ? `${form.id}-${name}` : form.id, message })),
  );
  return (
    <Form
      method="post"
      action={`${location.pathname}${location.search}`}
      className="stack"
      {...getFormProps(form)}
    >
      <ErrorSummary errors={errors} id={`${form.id}-summary`} attempt={attempt} />
      <CsrfField />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="reviewId" value={reviewId} />
      {children}
    </Form>
  );
}

function ReviewItem({
  review,
  role,
  lastResult,
}: {
  review: ConsoleReview;
  role: string;
  lastResult?: SubmissionResult<string[]> | null;
}) {
  const pending = useIsPending();
  const intent = lastResult?.initialValue?.intent;
  const replyResult = intent === 'reply' ? lastResult : undefined;
  const hideResult = intent === 'hide' ? lastResult : undefined;
  const [replyForm, replyFields] = useForm<ReviewReplyInput, string[]>({
    id: `reply-${review.id}`,
    lastResult: replyResult,
    shouldValidate: 'onSubmit',
  });
  const [hideForm, hideFields] = useForm<HideReviewInput, string[]>({
    id: `hide-${review.id}`,
    lastResult: hideResult,
    shouldValidate: 'onSubmit',
  });
  return (
    <li className="card stack">
      <ReviewCard review={review} />
      <p className="muted">Written {formatDay(review.createdAt.slice(0, 10))}.</p>
      {review.hidden ? (
        <p className="notice">
          Hidden on {formatDay(review.hidden.at.slice(0, 10))}: {review.hidden.reason}
        </p>
      ) : null}
      {role === 'expert' && !review.reply ? (
        <ReviewActionForm
          form={replyForm}
          intent="reply"
          reviewId={review.id}
          attempt={replyResult}
        >
          <TextareaField
            label={`Your public reply to ${review.author}`}
            hint="You can reply once; it shows under the review."
            errors={replyFields.reply.errors}
            textareaProps={{
              ...getTextareaProps(replyFields.reply),
              maxLength: REVIEW_COMMENT_MAX,
              rows: 3,
              required: true,
            }}
          />
          <button type="submit" className="button button--primary" disabled={pending}>
            Publish reply
          </button>
        </ReviewActionForm>
      ) : null}
      {role === 'admin' && !review.hidden ? (
        <ReviewActionForm form={hideForm} intent="hide" reviewId={review.id} attempt={hideResult}>
          <TextField
            label={`Why hide the review by ${review.author}?`}
            hint="Kept on record with this reason; out of the rating and the public list."
            errors={hideFields.reason.errors}
            inputProps={{
              id: hideFields.reason.id,
              name: hideFields.reason.name,
              maxLength: 500,
              required: true,
            }}
          />
          <button type="submit" className="button" disabled={pending}>
            Hide review
          </button>
        </ReviewActionForm>
      ) : null}
    </li>
  );
}

export default function ConsoleReviewsPage() {
  const { role, listed, saved, done } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  useAnnounceWhenChanged(saved, done ? DONE[done] : '');
  if (!listed) {
    return (
      <div className="stack narrow">
        <h1>Reviews</h1>
        <p>
          Choose an expert on the <Link to="/console/experts">Experts</Link> page to see their
          reviews.
        </p>
      </div>
    );
  }
  const target = lastResult?.initialValue?.reviewId;
  return (
    <div className="stack narrow">
      {role === 'admin' ? (
        <p className="breadcrumb">
          <Link to={`/console/experts/${listed.expert.id}`}>{listed.expert.name}</Link>
        </p>
      ) : null}
      <h1>Reviews of {listed.expert.name}</h1>
      {saved && done && !lastResult ? (
        <p role="status" className="notice notice--success">
          {DONE[done]}
        </p>
      ) : null}
      {listed.reviews.length === 0 ? (
        <p>No reviews yet.</p>
      ) : (
        <ul className="stack plain-list">
          {listed.reviews.map((review) => (
            <ReviewItem
              key={`${review.id} ${saved ?? ''}`}
              review={review}
              role={role}
              lastResult={target === review.id ? lastResult : undefined}
            />
          ))}
        </ul>
      )}
      <p>
        <Link to={`/experts/${listed.expert.id}/reviews`}>Public reviews page</Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage notFoundText={EXPERT_NOT_FOUND} />;
}
