import path from 'node:path';

import addressparser from 'nodemailer/lib/addressparser';

import type { Config } from '../config';
import type { Logger } from '../logger';
import type { MailSettings } from './booking-mail-data';
import { createBookingMailer, type BookingMailer } from './booking-mailer';
import { createDevMailbox, type DevMailbox } from './dev-mailbox';
import { createOutbox } from './outbox';
import { createOutboxWorker } from './outbox-worker';
import type { MailOutbox, SettledMail } from './outgoing-mail';
import { createMailTransport } from './transport';

export type { BookingFacts, BookingMailData, MailSettings } from './booking-mail-data';
export { createBookingMailer, type BookingMailer } from './booking-mailer';
export { bookingCalendar, calendarUid, type CalendarMethod } from './calendar';
export {
  bookingCancelledMail,
  bookingLinksMail,
  bookingListLinkMail,
  bookingMadeMail,
  bookingRescheduledMail,
} from './messages';
export type { DevMailbox } from './dev-mailbox';
export type { MailOutbox, OutgoingMail } from './outgoing-mail';

export interface MailSystem {
  outbox: MailOutbox;
  bookingMailer: BookingMailer;
  /** The `.eml` folder for `/dev/mail`; undefined when mail goes out by SMTP. */
  devMailbox: DevMailbox | undefined;
  /** Starts the worker that sends what the outbox holds (needs the database open). */
  start(): void;
  /** Stops the worker, letting a message being sent be recorded, and closes the transport. */
  stop(): Promise<void>;
}

/** `MAIL_FROM` as a calendar organizer: `Name <address>`, or a bare address. */
export function organizerOf(mailFrom: string): MailSettings['organizer'] {
  const [first] = addressparser(mailFrom, { flatten: true });
  return { name: first?.name || 'Expert Booking', email: first?.address ?? mailFrom };
}

/** The folder the `.eml` transport writes to. */
export function mailDirOf(config: Pick<Config, 'DATA_DIR'>): string {
  return path.resolve(config.DATA_DIR, 'mail');
}

/**
 * The mail subsystem: the outbox services store messages in, the worker that sends them through
 * nodemailer (SMTP with `SMTP_URL`, else `.eml` files under `DATA_DIR/mail/`), and the helpers
 * that write the booking mails. `appUrl` is read when a mail is made.
 */
export function createMail({
  config,
  logger,
  appUrl,
  onSettled,
}: {
  config: Pick<Config, 'SMTP_URL' | 'MAIL_FROM' | 'DATA_DIR'>;
  logger: Logger;
  appUrl: () => string;
  /** Hears how each message stored with a topic ended (reminders record it on the booking). */
  onSettled?: (mail: SettledMail) => Promise<void>;
}): MailSystem {
  const mailDir = mailDirOf(config);
  const transport = createMailTransport({
    smtpUrl: config.SMTP_URL,
    mailDir,
    from: config.MAIL_FROM,
    logger,
  });
  const worker = createOutboxWorker({ transport, logger, onSettled });
  const outbox = createOutbox({ onStored: () => worker.wake() });
  const organizer = organizerOf(config.MAIL_FROM);
  return {
    outbox,
    bookingMailer: createBookingMailer({
      outbox,
      settings: () => ({ appUrl: appUrl(), organizer }),
    }),
    devMailbox: config.SMTP_URL ? undefined : createDevMailbox(mailDir),
    start: () => worker.start(),
    async stop() {
      await worker.stop();
      transport.close();
    },
  };
}
