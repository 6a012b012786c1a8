import { createHash } from 'node:crypto';

import { isDuplicateKeyError, MailQuotaSeatModel } from '../../../models';

/** E-mails an address may be sent in any hour on an anonymous request. */
export const MAILS_PER_HOUR = 3;
const HOUR_MS = 60 * 60 * 1000;

/**
 * The mailbox an address reaches, as the quota counts it: most mail services deliver
 * `name+anything@domain` to `name@domain` (sub-addressing, RFC 5233), so each tag would otherwise
 * bring the same inbox three more mails an hour. Addresses arrive lower-cased and trimmed.
 */
export function mailboxOf(email: string): string {
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  const plus = local.indexOf('+');
  return plus === -1 ? email : `${local.slice(0, plus)}${email.slice(at)}`;
}

function seatId(email: string, seat: number): string {
  return `${createHash('sha256').update(mailboxOf(email)).digest('hex')}:${seat}`;
}

/**
 * Takes one of the address's seats for an hour from `now`, or answers false when all are taken.
 * Each seat is a document of its own, taken by insert, so racing requests cannot both take one
 * (no transaction needed, and each write is one statement). A seat whose hour has passed is
 * deleted only while still expired, then taken like a free one: a seat never serves two
 * e-mails within an hour, so the address gets at most MAILS_PER_HOUR in any hour.
 */
export async function takeMailSeat(email: string, now: Date): Promise<boolean> {
  for (let seat = 1; seat <= MAILS_PER_HOUR; seat++) {
    const _id = seatId(email, seat);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await MailQuotaSeatModel.create({ _id, until: new Date(now.getTime() + HOUR_MS) });
        return true;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      // Freed only while still expired; the sweep (expired-records.ts) may have freed it first,
      // so the insert above, tried once more, decides either way.
      await MailQuotaSeatModel.deleteOne({ _id, until: { $lte: now } });
    }
  }
  return false;
}
