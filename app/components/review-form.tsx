import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react';
import { Form } from '@remix-run/react';

import { REVIEW_COMMENT_MAX, type ReviewInput } from '../../shared/schemas/review';
import { useIsPending } from '../utils/use-is-pending';
import { ErrorList, FormErrorSummary, TextareaField } from './forms';

const FORM_ID = 'review';

/** What each rating means, said with the number so a star count is never the only cue. */
export const RATING_WORDS: Record<number, string> = {
  5: 'Excellent',
  4: 'Good',
  3: 'Fair',
  2: 'Poor',
  1: 'Bad',
};

/**
 * "How was it?" on a completed booking's private page: a rating and an optional comment, sent as
 * a plain form (the server checks it with the schema the JSON API uses), the manage token as
 * its key.
 */
export function ReviewForm({
  action,
  token,
  expertName,
  lastResult,
}: {
  action: string;
  token: string;
  expertName: string;
  lastResult?: SubmissionResult<string[]> | null;
}) {
  const pending = useIsPending();
  const [form, fields] = useForm<ReviewInput, string[]>({
    id: FORM_ID,
    lastResult,
    shouldValidate: 'onSubmit',
  });
  const ratingErrors = fields.rating.errors;
  const chosen = lastResult?.initialValue?.rating;
  const firstRatingId = `${fields.rating.id}-5`;
  return (
    <section className="card stack" aria-labelledby="review-title">
      <h2 id="review-title">How was your session?</h2>
      <p>
        Rate your session with {expertName}. Your review is public, with your first name and the
        initial of your last name; only people who had a session can leave one.
      </p>
      <Form method="post" action={action} className="stack" {...getFormProps(form)}>
        {lastResult?.status === 'error' ? (
          <FormErrorSummary
            title="Your review was not published"
            formErrors={form.errors}
            id={form.errorId}
            fields={[
              { id: firstRatingId, label: 'Rating', errors: ratingErrors },
              { id: fields.comment.id, label: 'Comment', errors: fields.comment.errors },
            ]}
          />
        ) : null}
        <input type="hidden" name="intent" value="review" />
        <input type="hidden" name="token" value={token} />
        <fieldset
          className="field rating-choice"
          aria-invalid={ratingErrors?.length ? true : undefined}
          aria-describedby={ratingErrors?.length ? fields.rating.errorId : undefined}
        >
          <legend className="field__label">Rating</legend>
          {[5, 4, 3, 2, 1].map((value) => (
            <label key={value} className="rating-choice__option">
              <input
                type="radio"
                name={fields.rating.name}
                id={value === 5 ? firstRatingId : `${fields.rating.id}-${value}`}
                value={value}
                defaultChecked={chosen === String(value)}
                required
              />{' '}
              {value} of 5 – {RATING_WORDS[value]}
            </label>
          ))}
          <ErrorList
            id={ratingErrors?.length ? fields.rating.errorId : undefined}
            errors={ratingErrors}
          />
        </fieldset>
        <TextareaField
          label="Comment (optional)"
          hint={`Up to ${REVIEW_COMMENT_MAX.toLocaleString('en-GB')} characters.`}
          errors={fields.comment.errors}
          textareaProps={{
            ...getTextareaProps(fields.comment),
            maxLength: REVIEW_COMMENT_MAX,
            rows: 4,
          }}
        />
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? 'Publishing…' : 'Publish my review'}
        </button>
      </Form>
    </section>
  );
}
