import { absoluteUrl, type MailSettings } from './booking-mail-data';
import type { MailOutbox, OutgoingMail } from './outgoing-mail';

/** The one-time sign-in link an account's owner asked for on the sign-in page. */
export function signInLinkMail(
  to: string,
  path: string,
  validMinutes: number,
  settings: MailSettings,
): OutgoingMail {
  return {
    to,
    subject: 'Your sign-in link',
    text: `${[
      'Hello,',
      'You asked to sign in to your Expert Booking console without your password. Open this ' +
        'link and press "Sign in":',
      absoluteUrl(path, settings),
      `The link works once, within ${validMinutes} minutes. If you did not ask for it, ` +
        'you can ignore this e-mail: nobody signs in without it. If someone keeps trying ' +
        'your password, this link still lets you in.',
      `${settings.organizer.name}\n${absoluteUrl('/', settings)}`,
    ].join('\n\n')}\n`,
    attachments: [],
  };
}

/** How the accounts service sends sign-in links: stored in the outbox, sent by its worker. */
export function signInLinkMailThroughOutbox(
  outbox: MailOutbox,
  settings: () => MailSettings,
): { signInLink(to: string, path: string, validMinutes: number): Promise<void> } {
  return {
    signInLink: (to, path, validMinutes) =>
      outbox.enqueue(signInLinkMail(to, path, validMinutes, settings())),
  };
}
