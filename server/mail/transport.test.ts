import fs from 'node:fs/promises';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { capturingLogger } from '../../test/support/capturing-logger';
import { useMailDir } from '../../test/support/mail-dir';
import type { StoredMail } from './outgoing-mail';
import { createEmlFileTransport, createMailTransport, secureMailDir } from './transport';

const mailDir = useMailDir();

async function modeOf(file: string): Promise<number> {
  return (await fs.stat(file)).mode & 0o777;
}
const FROM = 'Expert Booking <bookings@test.localhost>';

const mail: StoredMail = {
  id: '6660a0f19b1e8a3d4c5b6a80',
  to: 'ada@example.com',
  subject: 'Booked: your session with Grace Hopper',
  text: 'The secret link: https://booking.example.com/bookings/x?token=secret-token',
  attachments: [
    {
      filename: 'invite.ics',
      contentType: 'text/calendar; method=REQUEST',
      content: 'BEGIN:VCALENDAR',
    },
  ],
};

describe('the .eml file transport', () => {
  it('writes <id>.eml with the Message-ID from the id, and logs the subject only', async () => {
    const { lines, logger } = capturingLogger();
    await createEmlFileTransport({ mailDir: mailDir.path, from: FROM, logger }).send(mail);

    expect(await mailDir.entries()).toEqual(['6660a0f19b1e8a3d4c5b6a80.eml']);
    const eml = await fs.readFile(path.join(mailDir.path, '6660a0f19b1e8a3d4c5b6a80.eml'), 'utf8');
    expect(eml).toContain('Message-ID: <6660a0f19b1e8a3d4c5b6a80@expert-booking>');
    expect(eml).toContain('To: ada@example.com');
    expect(eml).toContain('From: Expert Booking <bookings@test.localhost>');
    expect(eml).toContain('filename=invite.ics');
    expect(eml).toMatch(/\r\n\r\n/);

    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('Booked: your session with Grace Hopper');
    expect(lines[0]).not.toContain('ada@example.com');
    expect(lines[0]).not.toContain('secret-token');
  });

  it('writes a message once, however many times and however concurrently it is sent', async () => {
    const { lines, logger } = capturingLogger();
    const transports = Array.from({ length: 8 }, () =>
      createEmlFileTransport({ mailDir: mailDir.path, from: FROM, logger }),
    );
    await Promise.all(transports.map((transport) => transport.send(mail)));
    const first = await fs.readFile(path.join(mailDir.path, `${mail.id}.eml`));
    await transports[0]!.send(mail);

    // No temporary file left behind, one file, unchanged by the repeat, announced once.
    expect(await mailDir.entries()).toEqual([`${mail.id}.eml`]);
    expect(await fs.readFile(path.join(mailDir.path, `${mail.id}.eml`))).toEqual(first);
    expect(lines).toHaveLength(1);
  });

  it('keeps the folder and every message readable by the app’s user only', async () => {
    const { logger } = capturingLogger();
    await createEmlFileTransport({ mailDir: mailDir.path, from: FROM, logger }).send(mail);

    expect(await modeOf(mailDir.path)).toBe(0o700);
    expect(await modeOf(path.join(mailDir.path, `${mail.id}.eml`))).toBe(0o600);
  });

  it('makes a folder left open by an earlier version private at start-up, files included', async () => {
    const old = path.join(mailDir.path, 'mail');
    await fs.mkdir(old, { mode: 0o755 });
    await fs.chmod(old, 0o755);
    await fs.writeFile(path.join(old, 'earlier.eml'), 'Subject: old\r\n\r\nA link', {
      mode: 0o644,
    });
    await fs.chmod(path.join(old, 'earlier.eml'), 0o644);

    await secureMailDir(old);

    expect(await modeOf(old)).toBe(0o700);
    expect(await modeOf(path.join(old, 'earlier.eml'))).toBe(0o600);
  });

  it('tightens the folder as soon as it is made, before any message', async () => {
    const { logger } = capturingLogger();
    const folder = path.join(mailDir.path, 'mail');
    await fs.mkdir(folder, { mode: 0o755 });
    await fs.chmod(folder, 0o755);
    createEmlFileTransport({ mailDir: folder, from: FROM, logger });
    await expect.poll(() => modeOf(folder)).toBe(0o700);
  });

  it.each(['\r\n', '\r', '\n', '\u000b', '\u001b', '\u0085', '\u2028'])(
    'keeps the subject, sender and recipient inside their header lines (%j)',
    async (breaker) => {
      const { logger } = capturingLogger();
      const hostile = {
        ...mail,
        to: `ada@example.com${breaker}`,
        subject: `Booked: your session with Grace${breaker}Bcc: eve@evil.example`,
      };
      await createEmlFileTransport({
        mailDir: mailDir.path,
        from: `Expert Booking${breaker}X-Injected: 1 <bookings@test.localhost>`,
        logger,
      }).send(hostile);

      const eml = await fs.readFile(path.join(mailDir.path, `${mail.id}.eml`), 'utf8');
      const head = eml.slice(0, eml.indexOf('\r\n\r\n'));
      const headerLines = head.split('\r\n');
      expect(headerLines.filter((line) => /^(Bcc|X-Injected):/i.test(line))).toEqual([]);
      // Nothing but CRLF ends a line, and no other control character is left in the header.
      expect(head.replace(/\r\n/g, '')).not.toMatch(/[\p{Cc}\u2028]/u);
      expect(head.replace(/\r\n[ \t]/g, ' ')).toMatch(
        /^Subject: Booked: your session with Grace Bcc: eve@evil\.example$/m,
      );
    },
  );

  it('is the default: without SMTP_URL nothing leaves the machine', async () => {
    const { logger } = capturingLogger();
    await createMailTransport({
      smtpUrl: undefined,
      mailDir: mailDir.path,
      from: FROM,
      logger,
    }).send(mail);
    expect(await mailDir.entries()).toEqual([`${mail.id}.eml`]);
  });
});
