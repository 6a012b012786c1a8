import fs from 'node:fs/promises';
import path from 'node:path';

import { simpleParser } from 'mailparser';

const LISTED = 100;
const MAIL_FILE = /^([a-f0-9]{24})\.eml$/;

export interface MailboxEntry {
  id: string;
  subject: string;
  to: string;
  /** ISO instant from the message's Date header. */
  date: string;
}

export interface OpenedMail extends MailboxEntry {
  text: string;
}

/**
 * The `.eml` files the file transport wrote, for the development page `/dev/mail`: a newcomer
 * reads the mails the app "sent" without any mail server.
 */
export interface DevMailbox {
  /** The newest messages first (at most 100). */
  list(): Promise<MailboxEntry[]>;
  /** One message with its text body; undefined when there is no such file. */
  open(id: string): Promise<OpenedMail | undefined>;
  /** One message as written, RFC 822; undefined when there is no such file. */
  raw(id: string): Promise<Buffer | undefined>;
}

export function createDevMailbox(mailDir: string): DevMailbox {
  async function raw(id: string): Promise<Buffer | undefined> {
    // The id names a file: anything but an outbox id could walk out of the folder.
    if (!MAIL_FILE.test(`${id}.eml`)) return undefined;
    return fs.readFile(path.join(mailDir, `${id}.eml`)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
  }

  async function open(id: string): Promise<OpenedMail | undefined> {
    const source = await raw(id);
    if (!source) return undefined;
    const parsed = await simpleParser(source);
    const to = Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : [];
    return {
      id,
      subject: parsed.subject ?? '',
      to: to.map((address) => address.text).join(', '),
      date: (parsed.date ?? new Date(0)).toISOString(),
      text: parsed.text ?? '',
    };
  }

  return {
    async list() {
      const names = await fs.readdir(mailDir).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return [];
        throw error;
      });
      const files = await Promise.all(
        names.flatMap((name) => {
          const id = MAIL_FILE.exec(name)?.[1];
          if (!id) return [];
          return [fs.stat(path.join(mailDir, name)).then((stat) => ({ id, at: stat.mtimeMs }))];
        }),
      );
      files.sort((a, b) => b.at - a.at || b.id.localeCompare(a.id));
      const opened = await Promise.all(files.slice(0, LISTED).map(({ id }) => open(id)));
      return opened.flatMap((mail) =>
        mail ? [{ id: mail.id, subject: mail.subject, to: mail.to, date: mail.date }] : [],
      );
    },
    open,
    raw,
  };
}
