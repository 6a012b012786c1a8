import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';

import type { Logger } from '../logger';
import { headerText } from './escaping';
import type { StoredMail } from './outgoing-mail';

/**
 * Delivers one stored message. Sending the same message again must not deliver it twice where
 * the transport can prevent it: the outbox may retry a message whose first attempt in fact
 * went out (the process died before recording it).
 */
export interface MailTransport {
  send(mail: StoredMail): Promise<void>;
}

/** The Message-ID of a stored message, the same on every attempt, so receivers can drop repeats. */
export function messageIdFor(mailId: string): string {
  return `<${mailId}@expert-booking>`;
}

/** The file a message is written to by the `.eml` transport. */
export function emlFileName(mailId: string): string {
  return `${mailId}.eml`;
}

function toNodemailer(mail: StoredMail, from: string): Mail.Options {
  return {
    from: headerText(from),
    to: headerText(mail.to),
    subject: headerText(mail.subject),
    text: mail.text,
    html: mail.html,
    messageId: messageIdFor(mail.id),
    attachments: mail.attachments.map(({ filename, contentType, content }) => ({
      filename,
      contentType,
      content,
    })),
  };
}

/** Real delivery through the SMTP server at `smtpUrl` (credentials in the URL). */
export function createSmtpTransport({ smtpUrl, from }: { smtpUrl: string; from: string }) {
  const transporter = nodemailer.createTransport(smtpUrl);
  return {
    async send(mail: StoredMail) {
      await transporter.sendMail(toNodemailer(mail, from));
    },
    close: () => transporter.close(),
  };
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

/** The mails carry private links: only the user the app runs as may list or read them. */
const MAIL_DIR_MODE = 0o700;
const MAIL_FILE_MODE = 0o600;

/**
 * Makes `mailDir` private, with the files already in it: a folder made by an earlier version
 * (755, files 644) is tightened too.
 */
export async function secureMailDir(mailDir: string): Promise<void> {
  await fs.mkdir(mailDir, { recursive: true, mode: MAIL_DIR_MODE });
  await fs.chmod(mailDir, MAIL_DIR_MODE);
  const entries = await fs.readdir(mailDir, { withFileTypes: true });
  await Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map((entry) => fs.chmod(path.join(mailDir, entry.name), MAIL_FILE_MODE)),
  );
}

/**
 * Writes each message as `<id>.eml` into `mailDir`, for a developer to open, and logs its
 * subject and file (never the body or the recipient, which may be personal). A message already
 * written is not written again. The file appears whole or not at all: it is written under a
 * temporary name, then linked to its final name, which fails if another worker got there first.
 * The folder is made private when the transport is made (at start-up), and every file in it is
 * readable by the app's own user only.
 */
export function createEmlFileTransport({
  mailDir,
  from,
  logger,
}: {
  mailDir: string;
  from: string;
  logger: Logger;
}) {
  const composer = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'windows',
  });
  // A failure here is not fatal at start-up: each message makes the folder again, private.
  const secured = secureMailDir(mailDir).catch((error: unknown) => {
    logger.warn({ err: error, mailDir }, 'mail folder could not be made private');
  });
  return {
    async send(mail: StoredMail) {
      const file = path.join(mailDir, emlFileName(mail.id));
      if (await exists(file)) return;
      const { message } = await composer.sendMail(toNodemailer(mail, from));
      await secured;
      await fs.mkdir(mailDir, { recursive: true, mode: MAIL_DIR_MODE });
      const temporary = path.join(mailDir, `.${mail.id}.${randomBytes(6).toString('hex')}.tmp`);
      const handle = await fs.open(temporary, 'wx', MAIL_FILE_MODE);
      try {
        await handle.writeFile(message as Buffer);
        await handle.sync();
      } finally {
        await handle.close();
      }
      try {
        await fs.link(temporary, file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
        throw error;
      } finally {
        await fs.rm(temporary, { force: true });
      }
      logger.info({ mailId: mail.id, subject: mail.subject, file }, 'mail written');
    },
    close() {},
  };
}

export type ClosableMailTransport = MailTransport & { close(): void };

/** SMTP when `smtpUrl` is set, else `.eml` files: a new checkout sends nothing anywhere. */
export function createMailTransport({
  smtpUrl,
  mailDir,
  from,
  logger,
}: {
  smtpUrl: string | undefined;
  mailDir: string;
  from: string;
  logger: Logger;
}): ClosableMailTransport {
  return smtpUrl
    ? createSmtpTransport({ smtpUrl, from })
    : createEmlFileTransport({ mailDir, from, logger });
}
