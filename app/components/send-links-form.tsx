import type { SubmissionResult } from '@conform-to/react';

import { EmailRequestForm } from './email-request-form';

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
  return (
    <EmailRequestForm
      intent="links"
      name="Send me my links"
      fieldId="links-email"
      label="Email for your links"
      submitLabel="Send me my links"
      email={email}
      errors={lastResult?.error?.email ?? undefined}
      sentTo={sentTo}
      sent={(address) => (
        <>
          If <strong>{address}</strong> has coming bookings, we have sent it a message with a
          private link to each of them.
        </>
      )}
    />
  );
}
