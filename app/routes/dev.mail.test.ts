import type { AppLoadContext } from '@remix-run/node';
import { describe, expect, it } from 'vitest';

import type { DevMailbox } from '../../server/mail';
import { loader as messageLoader } from './dev.mail.$id';
import { loader as rawLoader } from './dev.mail.$id_.raw';
import { loader as listLoader } from './dev.mail._index';

const ID = '6660a0f19b1e8a3d4c5b6a80';
const entry = { id: ID, subject: 'Hello', to: 'ada@example.com', date: '2030-03-04T10:00:00.000Z' };

const mailbox: DevMailbox = {
  list: async () => [entry],
  open: async (id) => (id === ID ? { ...entry, text: 'Body' } : undefined),
  raw: async (id) => (id === ID ? Buffer.from('Subject: Hello\r\n\r\nBody') : undefined),
};

function context(devMailbox: DevMailbox | undefined) {
  return { devMailbox } as AppLoadContext;
}

function args(devMailbox: DevMailbox | undefined, id = ID) {
  return {
    request: new Request(`http://localhost/dev/mail/${id}`),
    params: { id },
    context: context(devMailbox),
  };
}

async function status(promise: Promise<unknown>): Promise<number> {
  return promise.then(
    (value) => (value instanceof Response ? value.status : 200),
    (thrown: unknown) => (thrown instanceof Response ? thrown.status : 500),
  );
}

describe('/dev/mail', () => {
  it('answers 404 on every page when the mailbox is not enabled (production, tests)', async () => {
    expect(await status(listLoader(args(undefined)))).toBe(404);
    expect(await status(messageLoader(args(undefined)))).toBe(404);
    expect(await status(rawLoader(args(undefined)))).toBe(404);
  });

  it('lists, shows and hands out the written mails when enabled', async () => {
    const list = await listLoader(args(mailbox));
    expect(await list.json()).toEqual({ mails: [entry] });
    expect(list.headers.get('Cache-Control')).toBe('private, no-store');

    const message = await messageLoader(args(mailbox));
    expect(await message.json()).toEqual({ mail: { ...entry, text: 'Body' } });

    const raw = await rawLoader(args(mailbox));
    expect(raw.headers.get('Content-Type')).toBe('message/rfc822');
    expect(raw.headers.get('Content-Disposition')).toBe(`attachment; filename="${ID}.eml"`);
    expect(await raw.text()).toContain('Subject: Hello');
  });

  it('answers 404 for a mail that is not there', async () => {
    const other = '6660a0f19b1e8a3d4c5b6a99';
    expect(await status(messageLoader(args(mailbox, other)))).toBe(404);
    expect(await status(rawLoader(args(mailbox, other)))).toBe(404);
  });
});
