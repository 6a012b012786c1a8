import fs from 'node:fs/promises';
import path from 'node:path';

import { pino } from 'pino';
import { describe, expect, it } from 'vitest';

import { useMailDir } from '../../test/support/mail-dir';
import { createDevMailbox } from './dev-mailbox';
import { createEmlFileTransport } from './transport';

const mailDir = useMailDir();

async function write(id: string, subject: string, writtenAt: Date) {
  await createEmlFileTransport({
    mailDir: mailDir.path,
    from: 'Expert Booking <bookings@test.localhost>',
    logger: pino({ level: 'silent' }),
  }).send({ id, to: 'ada@example.com', subject, text: `Body of ${subject}`, attachments: [] });
  await fs.utimes(path.join(mailDir.path, `${id}.eml`), writtenAt, writtenAt);
}

describe('the development mailbox', () => {
  it('lists the written mails newest first, with subject, recipient and date', async () => {
    await write('6660a0f19b1e8a3d4c5b6a01', 'Older: Señor Núñez', new Date('2030-03-01T10:00:00Z'));
    await write('6660a0f19b1e8a3d4c5b6a02', 'Newer', new Date('2030-03-02T10:00:00Z'));
    await fs.writeFile(path.join(mailDir.path, 'notes.txt'), 'not a mail');

    const mails = await createDevMailbox(mailDir.path).list();

    expect(mails.map((mail) => mail.subject)).toEqual(['Newer', 'Older: Señor Núñez']);
    expect(mails[0]).toMatchObject({ id: '6660a0f19b1e8a3d4c5b6a02', to: 'ada@example.com' });
    expect(Number.isNaN(Date.parse(mails[0]!.date))).toBe(false);
  });

  it('opens one mail with its text, and gives its raw file', async () => {
    await write('6660a0f19b1e8a3d4c5b6a01', 'Hello', new Date());
    const mailbox = createDevMailbox(mailDir.path);

    expect(await mailbox.open('6660a0f19b1e8a3d4c5b6a01')).toMatchObject({
      subject: 'Hello',
      text: 'Body of Hello\n',
    });
    expect((await mailbox.raw('6660a0f19b1e8a3d4c5b6a01'))?.toString()).toContain('Subject: Hello');
  });

  it('knows nothing of other files, other folders, or a folder not made yet', async () => {
    const mailbox = createDevMailbox(mailDir.path);
    expect(await mailbox.open('6660a0f19b1e8a3d4c5b6a09')).toBeUndefined();
    expect(await mailbox.raw('../../etc/passwd')).toBeUndefined();
    expect(await createDevMailbox(path.join(mailDir.path, 'missing')).list()).toEqual([]);
  });
});
