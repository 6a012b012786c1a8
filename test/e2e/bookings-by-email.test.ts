import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';

import { OutboxMessageModel } from '../../models';
import { bookThroughApi, firstListedSlot } from '../support/e2e-api';
import { startE2eServer, type E2eServer } from '../support/e2e-server';

/**
 * The my-bookings page's mails as a stranger can ask for them over HTTP (issue 19, row 9): each
 * address gets at most 3 an hour, whoever asks and whether or not it has bookings.
 */

let server: E2eServer;
const VICTIM = 'victim.links@example.com';

beforeAll(async () => {
  server = await startE2eServer(inject('mongodbUri'));
  await bookThroughApi(server.url, await firstListedSlot(server.url), 'Vic Tim', VICTIM);
});

afterAll(async () => {
  await server?.close();
});

/** One anonymous post of a my-bookings form, as a browser without JavaScript sends it. */
async function ask(intent: 'links' | 'list', email: string) {
  const response = await fetch(`${server.url}/bookings?index`, {
    method: 'POST',
    body: new URLSearchParams({ intent, email }),
    headers: { origin: server.url },
  });
  const page = await response.text();
  return { status: response.status, page: page.replaceAll(email, '<address>') };
}

describe('anonymous mail requests on the my-bookings page', () => {
  it('send an address 3 mails an hour however many ask, and read alike for any address', async () => {
    const answers = [];
    for (let request = 0; request < 11; request++) answers.push(await ask('links', VICTIM));
    const nobody = [];
    for (let request = 0; request < 11; request++) {
      nobody.push(await ask('links', 'nobody.links@example.com'));
    }

    expect(answers.map((answer) => answer.status)).toEqual([
      ...Array(3).fill(200),
      ...Array(8).fill(429),
    ]);
    expect(nobody.map((answer) => answer.status)).toEqual(answers.map((a) => a.status));
    expect(answers[10]!.page).toContain('We have already sent 3 e-mails to this address');
    // One booking confirmation, then the three links mails: the outbox stores before answering.
    expect(await OutboxMessageModel.countDocuments({ to: VICTIM })).toBe(4);
    expect(await OutboxMessageModel.countDocuments({ to: 'nobody.links@example.com' })).toBe(0);

    // The list link shares the address's hourly mails.
    expect((await ask('list', VICTIM)).status).toBe(429);
    expect((await ask('list', 'someone.else@example.com')).status).toBe(200);
  });
});
