/**
 * What a console form sent with another session's token is told (403): the page is older than
 * the person's sign-in (they signed in again in another tab, or out), so a reload fixes it. A
 * forged form from another site gets the same sentence and nothing else.
 */
export const FORM_EXPIRED =
  'This form belongs to an earlier sign-in (you signed in again or out since this page opened). ' +
  'Reload the page and send it again.';
