import type { ReactNode } from 'react';
import { Form } from '@remix-run/react';

import { useErrorTitle } from '../utils/error-title';
import { useIsPending } from '../utils/use-is-pending';
import { TextField } from './forms';

/**
 * One e-mail address posted to /bookings with an `intent`: the page's requests that something be
 * mailed to the address (its list link, or its private links). `sent` is what the status says
 * once the server answered for `sentTo`.
 */
export function EmailRequestForm({
  intent,
  name,
  fieldId,
  label,
  hint,
  submitLabel,
  primary = false,
  email,
  errors,
  sentTo,
  sent,
}: {
  intent: string;
  /** The form's accessible name. */
  name: string;
  fieldId: string;
  label: string;
  hint?: string;
  submitLabel: string;
  primary?: boolean;
  email: string;
  errors?: string[];
  sentTo: string | null;
  sent: (sentTo: string) => ReactNode;
}) {
  const pending = useIsPending({ formAction: '/bookings?index', intent });
  useErrorTitle(Boolean(errors?.length));
  return (
    <Form method="post" action="/bookings?index" className="card lookup-form" aria-label={name}>
      <input type="hidden" name="intent" value={intent} />
      <TextField
        // A new answer from the server resets the field to what was asked for.
        key={sentTo ?? email}
        label={label}
        hint={hint}
        errors={errors}
        inputProps={{
          id: fieldId,
          name: 'email',
          type: 'email',
          required: true,
          autoComplete: 'email',
          defaultValue: email,
        }}
      />
      <button
        type="submit"
        className={primary ? 'button button--primary' : 'button'}
        disabled={pending}
      >
        {pending ? 'Sending…' : submitLabel}
      </button>
      {sentTo ? <p role="status">{sent(sentTo)}</p> : null}
    </Form>
  );
}
