import * as z from 'zod/mini';

import { EmailSchema } from './booking';

/**
 * "My bookings": an address's list is shown only to whoever proves the address, by opening a
 * link mailed to it (valid this long, once), or by holding a manage token of one of its bookings.
 */
export const LIST_LINK_MINUTES = 30;

/** Where a list link leads: a page that opens the list in the browser that follows it. */
export const LIST_LINK_PATH = '/bookings/open';

export function listLinkUrl(token: string): string {
  return `${LIST_LINK_PATH}?token=${encodeURIComponent(token)}`;
}

export const ListLinkTokenSchema = z
  .string({ error: 'This link is not complete: open it from the e-mail again.' })
  .check(
    z.regex(/^[A-Za-z0-9_-]{22,100}$/, 'This link is not complete: open it from the e-mail again.'),
  );

/** The list link's page: one button that uses the link up (a mail scanner only reads it). */
export const OpenListFormSchema = z.object({ token: ListLinkTokenSchema });

/**
 * The forms of the my-bookings page: e-mail me the link to my list, or to each booking.
 * Both answer alike whatever the address, as neither may tell whether it has bookings.
 */
export const MyBookingsFormSchema = z.object({
  intent: z.enum(['list', 'links'], { error: 'Choose what to send.' }),
  email: EmailSchema,
});
