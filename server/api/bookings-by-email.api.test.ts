import { beforeEach, describe, expect, it } from 'vitest';

import { BookingListLinkModel, BookingModel, MailQuotaSeatModel } from '../../models';
import { NOW, useApiServer } from '../../test/support/api-server';
import { bookingInput, createExpert } from '../../test/support/builders';

/**
 * Bookings by e-mail need proof of the address (issue 19, rows 4 and 9): a link mailed to it,
 * valid 30 minutes and once, opens the list in the browser that follows it; a browser that
 * opened a booking sees that booking; an address gets at most 3 such mails an hour.
 */

let now = NOW;
const api = await useApiServer({ clock: () => now });
const { bookings } = api.services;

beforeEach(() => {
  now = NOW;
});

function minutesLater(minutes: number) {
  now = new Date(now.getTime() + minutes * 60_000);
}

async function outcome(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return 'sent';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

function tokenOf(url: string): string {
  return new URL(url, 'http://x').searchParams.get('token')!;
}

async function bookAda(timeSlot = '09:00-10:00', email = 'ada@example.com') {
  const expert = await createExpert();
  return bookings.create(bookingInput(expert.id, { timeSlot, email }));
}

describe('mails about an address on anyone’s request', () => {
  it('"send me my links" sends an address 3 mails an hour, however many ask', async () => {
    const victim = await bookAda();

    const outcomes = [];
    for (let request = 0; request < 11; request++) {
      outcomes.push(await outcome(() => bookings.sendManageLinks({ email: victim.email })));
    }

    expect(outcomes).toEqual([...Array(3).fill('sent'), ...Array(8).fill('RATE_LIMITED')]);
    expect(api.mails.filter((mail) => mail.kind === 'links')).toHaveLength(3);
    const stored = await BookingModel.findById(victim.id).lean();
    expect(stored?.manageTokenHashes).toHaveLength(4);

    minutesLater(59);
    expect(await outcome(() => bookings.sendManageLinks({ email: victim.email }))).toBe(
      'RATE_LIMITED',
    );
    minutesLater(1);
    expect(await outcome(() => bookings.sendManageLinks({ email: victim.email }))).toBe('sent');
    expect(api.mails.filter((mail) => mail.kind === 'links')).toHaveLength(4);
  });

  it('counts alike for an address without bookings, so the limit tells nothing either', async () => {
    const outcomes = [];
    for (let request = 0; request < 4; request++) {
      outcomes.push(await outcome(() => bookings.sendManageLinks({ email: 'NoBody@example.com' })));
    }
    expect(outcomes).toEqual(['sent', 'sent', 'sent', 'RATE_LIMITED']);
    expect(api.mails).toEqual([]);
  });

  it('"send me my links" answers no sooner than its floor, bookings or none', async () => {
    await bookAda();
    for (const email of ['ada@example.com', 'nobody@example.com']) {
      const started = performance.now();
      await bookings.sendManageLinks({ email });
      // A lower bound only: tokens and a stored message would otherwise tell the address has some.
      expect(performance.now() - started).toBeGreaterThanOrEqual(240);
    }
    const links = api.mails.filter((mail) => mail.kind === 'links');
    expect(links.map((mail) => mail.to)).toEqual(['ada@example.com']);
  });

  it('counts list links and manage links together, per address', async () => {
    await bookAda();
    const asks = [
      () => bookings.sendListLink({ email: 'ada@example.com' }),
      () => bookings.sendManageLinks({ email: 'ada@example.com' }),
      () => bookings.sendListLink({ email: 'ada@example.com' }),
      () => bookings.sendListLink({ email: 'ada@example.com' }),
      () => bookings.sendManageLinks({ email: 'ada@example.com' }),
      () => bookings.sendListLink({ email: 'bob@example.com' }),
    ];
    const outcomes = [];
    for (const ask of asks) outcomes.push(await outcome(ask));

    expect(outcomes).toEqual(['sent', 'sent', 'sent', 'RATE_LIMITED', 'RATE_LIMITED', 'sent']);
    expect(api.listLinks.map((link) => link.to)).toEqual([
      'ada@example.com',
      'ada@example.com',
      'bob@example.com',
    ]);
  });

  it('lets 3 of 12 racing requests for one address through, no more', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, () =>
        outcome(() => bookings.sendListLink({ email: 'ada@example.com' })),
      ),
    );

    expect(outcomes.filter((result) => result === 'sent')).toHaveLength(3);
    expect(api.listLinks).toHaveLength(3);
    expect(await MailQuotaSeatModel.countDocuments()).toBe(3);
    // Seats name the address by its hash only.
    const seats = await MailQuotaSeatModel.find().lean();
    expect(JSON.stringify(seats)).not.toContain('ada');
  });

  it('counts every +tag of an address as that address, since they reach one inbox', async () => {
    const asks = ['ada@example.com', 'ada+1@example.com', 'ADA+b@Example.com', 'ada+@example.com'];
    const outcomes = [];
    for (const email of asks) outcomes.push(await outcome(() => bookings.sendListLink({ email })));
    outcomes.push(await outcome(() => bookings.sendManageLinks({ email: 'ada+x@example.com' })));

    expect(outcomes).toEqual(['sent', 'sent', 'sent', 'RATE_LIMITED', 'RATE_LIMITED']);
    expect(await outcome(() => bookings.sendListLink({ email: 'ada.b@example.com' }))).toBe('sent');
  });
});

describe('the API’s list of an address', () => {
  it('refuses a wrong token no sooner than its floor, bookings or none', async () => {
    await bookAda();
    for (const email of ['ada@example.com', 'nobody@example.com']) {
      const started = performance.now();
      const refused = await outcome(() =>
        bookings.listByEmail({ email }, { by: 'client', token: 'A'.repeat(32) }),
      );
      expect(refused).toBe('UNAUTHORIZED');
      // A lower bound only (timers may fire a little early): the floor hides how long reading the address took.
      expect(performance.now() - started).toBeGreaterThanOrEqual(35);
    }
  });
});

describe('the list link', () => {
  it('opens the address’s list in the browser that uses it, once, for 30 minutes', async () => {
    const first = await bookAda('10:00-11:00');
    const second = await bookAda('09:00-10:00');
    await bookAda('09:00-10:00', 'bob@example.com');

    await bookings.sendListLink({ email: 'ADA@example.com' });
    const [link] = api.listLinks;
    expect(link).toMatchObject({
      to: 'ada@example.com',
      listUrl: expect.stringMatching(/^\/bookings\/open\?token=[\w-]{32}$/),
    });
    const token = tokenOf(link!.listUrl);
    const stored = await BookingListLinkModel.find().lean();
    expect(JSON.stringify(stored)).not.toContain(token);

    const before = await bookings.listForBrowser(undefined, { email: 'ada@example.com' });
    expect(before).toEqual({ email: 'ada@example.com', bookings: null });

    const opened = await bookings.openListLink(token, undefined);
    expect(opened.email).toBe('ada@example.com');
    const mine = await bookings.listForBrowser(opened.browserToken, { email: 'ada@example.com' });
    expect(mine.bookings?.map((booking) => booking.id)).toEqual([second.id, first.id]);
    const all = await bookings.listForBrowser(opened.browserToken, {});
    expect(all.bookings?.map((booking) => booking.id)).toEqual([second.id, first.id]);
    const bobs = await bookings.listForBrowser(opened.browserToken, { email: 'bob@example.com' });
    expect(bobs.bookings).toBeNull();

    // Used once: neither this browser nor another opens it again.
    expect(await outcome(() => bookings.openListLink(token, opened.browserToken))).toBe(
      'NOT_FOUND',
    );
    expect(await outcome(() => bookings.openListLink(token, undefined))).toBe('NOT_FOUND');
    // Another browser (another token) has proven nothing.
    const other = await bookings.rememberBooking(first.id, undefined);
    expect(
      (await bookings.listForBrowser(other, { email: 'ada@example.com' })).bookings,
    ).toBeNull();
  });

  it('no longer opens after 30 minutes', async () => {
    await bookAda();
    await bookings.sendListLink({ email: 'ada@example.com' });
    await bookings.sendListLink({ email: 'ada@example.com' });
    const [early, late] = api.listLinks.map((link) => tokenOf(link.listUrl));

    minutesLater(29);
    expect(await outcome(() => bookings.openListLink(early, undefined))).toBe('sent');
    minutesLater(2);
    expect(await outcome(() => bookings.openListLink(late, undefined))).toBe('NOT_FOUND');
  });

  it('is refused when forged or malformed', async () => {
    for (const token of ['A'.repeat(32), 'short', { $ne: null }, undefined]) {
      expect(await outcome(() => bookings.openListLink(token, undefined))).toBe('NOT_FOUND');
    }
  });
});

describe('a browser that opened a booking', () => {
  it('sees that booking listed, and no other of the address', async () => {
    const opened = await bookAda('09:00-10:00');
    await bookAda('10:00-11:00');

    const browser = await bookings.rememberBooking(opened.id, undefined);
    expect(await bookings.rememberBooking(opened.id, browser)).toBe(browser);

    const listed = await bookings.listForBrowser(browser, {});
    expect(listed.bookings?.map((booking) => booking.id)).toEqual([opened.id]);
    expect((await bookings.listForBrowser(browser, { email: opened.email })).bookings).toBeNull();
    expect((await bookings.listForBrowser(undefined, {})).bookings).toEqual([]);
  });
});
