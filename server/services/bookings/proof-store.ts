import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

import type { Types } from 'mongoose';

import {
  BookingBrowserProofModel,
  BookingListLinkModel,
  isDuplicateKeyError,
} from '../../../models';

/**
 * What proves who may see an address's bookings: the list links mailed to it and what each
 * browser has proven. The only module that touches those models; tokens are kept as hashes.
 */

/** How many of a browser's proofs a list reads; a browser proving more sees its first ones. */
const PROOFS_READ = 50;

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** A new random token (192 bits, 32 base64url characters). */
export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Stores a list link for `email` and answers its token, which is never stored. */
export async function createListLink(email: string, expiresAt: Date): Promise<string> {
  const token = newToken();
  await BookingListLinkModel.create({ _id: sha256(token), email, expiresAt });
  return token;
}

/**
 * Uses a list link up: the address it was sent to while it was valid, else undefined. Of two
 * requests racing with one link only the one whose delete removed it gets the address: FerretDB
 * can hand the document to both of two racing findOneAndDelete calls (db/query-shapes.ts).
 */
export async function consumeListLink(token: string, now: Date): Promise<string | undefined> {
  const hash = sha256(token);
  const link = await BookingListLinkModel.findById(hash).lean();
  if (!link) return undefined;
  const { deletedCount } = await BookingListLinkModel.deleteOne({ _id: hash });
  if (deletedCount !== 1) return undefined;
  const matches = timingSafeEqual(Buffer.from(link._id, 'hex'), Buffer.from(hash, 'hex'));
  return matches && link.expiresAt > now ? link.email : undefined;
}

/** What a browser proved: an address, or one booking. */
export type Proof = { email: string } | { bookingId: Types.ObjectId };

/** Records a proof of the browser whose cookie holds `browserToken`, until `expiresAt`. */
export async function rememberProof(
  browserToken: string,
  proof: Proof,
  expiresAt: Date,
): Promise<void> {
  const browser = sha256(browserToken);
  const what = 'email' in proof ? `e:${proof.email}` : `b:${proof.bookingId.toString()}`;
  try {
    await BookingBrowserProofModel.create({
      _id: sha256(`${browser}\n${what}`),
      browser,
      ...proof,
      expiresAt,
    });
  } catch (error) {
    // Proven before: what was proven then still stands.
    if (!isDuplicateKeyError(error)) throw error;
  }
}

/** The addresses and bookings the browser has proven and that have not expired. */
export async function proofsOf(
  browserToken: string,
  now: Date,
): Promise<{ emails: string[]; bookingIds: Types.ObjectId[] }> {
  const proofs = await BookingBrowserProofModel.find({ browser: sha256(browserToken) })
    .limit(PROOFS_READ)
    .lean();
  const valid = proofs.filter((proof) => proof.expiresAt > now);
  return {
    emails: valid.flatMap((proof) => (proof.email ? [proof.email] : [])),
    bookingIds: valid.flatMap((proof) => (proof.bookingId ? [proof.bookingId] : [])),
  };
}
