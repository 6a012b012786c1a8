import { describe, expect, it } from 'vitest';
import { Types } from 'mongoose';

import {
  BookingBrowserProofModel,
  BookingListLinkModel,
  MailQuotaSeatModel,
  SignInAttemptModel,
  SignInLinkModel,
} from '../../models';
import { useEmptiedTestDatabase } from '../../test/support/database';
import { sweepExpiredRecords } from './expired-records';

await useEmptiedTestDatabase();

// Bookings on a test's fixed clock, accounts on another: each kind is swept by its own.
const bookingsNow = new Date('2030-03-04T10:00:00Z');
const accountsNow = new Date('2026-01-01T00:00:00Z');
const before = (now: Date) => new Date(now.getTime() - 1);
const after = (now: Date) => new Date(now.getTime() + 60_000);

async function storeEachKind(name: string, bookingsTime: Date, accountsTime: Date) {
  await BookingBrowserProofModel.create({
    _id: `p-${name}`,
    browser: 'b',
    expiresAt: bookingsTime,
  });
  await BookingListLinkModel.create({
    _id: `l-${name}`,
    email: 'a@example.com',
    expiresAt: bookingsTime,
  });
  await MailQuotaSeatModel.create({ _id: `m-${name}`, until: bookingsTime });
  await SignInAttemptModel.create({ _id: `s-${name}`, key: 'k', until: accountsTime });
  await SignInLinkModel.create({
    _id: `i-${name}`,
    secretHash: 'h',
    userId: new Types.ObjectId(),
    expiresAt: accountsTime,
  });
}

async function idsLeft() {
  const ids = await Promise.all(
    [
      BookingBrowserProofModel,
      BookingListLinkModel,
      MailQuotaSeatModel,
      SignInAttemptModel,
      SignInLinkModel,
    ].map(async (model) =>
      (await (model as typeof MailQuotaSeatModel).find({}, { _id: 1 }).lean()).map(
        ({ _id }) => _id,
      ),
    ),
  );
  return ids.flat().sort();
}

describe('sweepExpiredRecords', () => {
  it('deletes every proof, link and seat whose time has passed, and keeps the valid ones', async () => {
    await storeEachKind('gone', before(bookingsNow), before(accountsNow));
    await storeEachKind('kept', after(bookingsNow), after(accountsNow));

    const counts = await sweepExpiredRecords({
      bookings: () => bookingsNow,
      accounts: () => accountsNow,
    });

    expect(counts).toEqual({
      browserProofs: 1,
      listLinks: 1,
      mailSeats: 1,
      signInSeats: 1,
      signInLinks: 1,
    });
    expect(await idsLeft()).toEqual(['i-kept', 'l-kept', 'm-kept', 'p-kept', 's-kept']);
  });

  it('reads each kind by the clock that stamped it', async () => {
    // Past on the bookings' (fixed, later) clock, still to come on the accounts' one.
    const between = new Date('2028-01-01T00:00:00Z');
    await storeEachKind('between', between, between);
    await sweepExpiredRecords({ bookings: () => bookingsNow, accounts: () => accountsNow });
    expect(await idsLeft()).toEqual(['i-between', 's-between']);
  });
});
