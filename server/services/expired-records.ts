import {
  BookingBrowserProofModel,
  BookingListLinkModel,
  MailQuotaSeatModel,
  SignInAttemptModel,
  SignInLinkModel,
} from '../../models';
import type { Logger } from '../logger';
import type { Clock } from './clock';
import { runEvery } from './run-every';

/**
 * Proofs, one-time links and counting seats are only ever read while valid, but FerretDB 1.x has
 * no TTL index to remove them afterwards, and strangers can make them (a private link opened
 * without a cookie stores a proof each time): without this sweep they would pile up for ever.
 */
export const EXPIRED_RECORDS_SWEEP_EVERY_MS = 10 * 60_000;

export interface ExpiredRecordsClocks {
  /** The clock the bookings service stamps proofs, list links and mail seats with. */
  bookings: Clock;
  /** The clock the accounts service stamps sign-in seats and links with. */
  accounts: Clock;
}

/** Deletes every record whose time has passed; answers how many of each kind went. */
export async function sweepExpiredRecords(clocks: ExpiredRecordsClocks) {
  const bookingsNow = clocks.bookings();
  const accountsNow = clocks.accounts();
  // One statement a command each; a range FerretDB reads in its own process, which no person
  // waits for here.
  const deleted = async (query: Promise<{ deletedCount: number }>) => (await query).deletedCount;
  return {
    browserProofs: await deleted(
      BookingBrowserProofModel.deleteMany({ expiresAt: { $lte: bookingsNow } }),
    ),
    listLinks: await deleted(BookingListLinkModel.deleteMany({ expiresAt: { $lte: bookingsNow } })),
    mailSeats: await deleted(MailQuotaSeatModel.deleteMany({ until: { $lte: bookingsNow } })),
    signInSeats: await deleted(SignInAttemptModel.deleteMany({ until: { $lte: accountsNow } })),
    signInLinks: await deleted(SignInLinkModel.deleteMany({ expiresAt: { $lte: accountsNow } })),
  };
}

/** Runs the sweep every `everyMs` until stopped; one run at a time, failures logged. */
export function startExpiredRecordsSweep({
  clocks,
  everyMs = EXPIRED_RECORDS_SWEEP_EVERY_MS,
  logger,
}: {
  clocks: ExpiredRecordsClocks;
  everyMs?: number;
  logger: Logger;
}): { stop(): Promise<void> } {
  return runEvery(everyMs, () =>
    sweepExpiredRecords(clocks).then(
      (counts) => logger.debug(counts, 'expired records swept'),
      (error: unknown) => logger.error({ err: error }, 'expired records sweep failed'),
    ),
  );
}
