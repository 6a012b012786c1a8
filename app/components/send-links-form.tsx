import type { SubmissionResult } from '@conform-to/react';
import { Form } from '@remix-run/react';

import { useIsPending } from '../utils/use-is-pending';
import { TextField } from './forms';

/**
 * Asks for a fresh private link to each coming booking of an address, by e-mail. Whatever the
 * address, the answer reads the same: whether it has bookings is not for this page to say.
 */
export function SendLinksForm({
  email,
  lastResult,
  sentTo,
}: {
  email: string;
  lastResult?: SubmissionResult<string[]> | null;
  sentTo: string | null;
}) {
  const pending = useIsPending({ formAction: '/bookings?index', intent: 'links' });
  const errors = lastResult?.error?.email ?? undefined;
  return (
    <Form
      method="post"
      action="/bookings?index"
      className="card lookup-form"
      aria-label="Send me my links"
    >
      <input type="hidden" name="intent" value="links" />
      <TextField
        key={sentTo ?? email}
        label="Email for your links"
        errors={errors}
        inputProps={{
          id: 'links-email',
          name: 'email',
          type: 'email',
          required: true,
          autoComplete: 'email',
          defaultValue: email,
        }}
      />
      <button type="submit" className="button" disabled={pending}>
        {pending ? 'Sending…' : 'Send me my links'}
      </button>
      {sentTo ? (
        <p role="status">
          If <strong>{sentTo}</strong> has coming bookings, we have sent it a message with a private
          link to each of them.
        </p>
      ) : null}
    </Form>
  );
}
