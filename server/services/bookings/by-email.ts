import { setTimeout as sleep } from 'node:timers/promises';

import { Types } from 'mongoose';

import { BookingsByEmailQuerySchema } from '../../../shared/schemas/booking';
import {
  LIST_LINK_MINUTES,
  ListLinkTokenSchema,
  listLinkUrl,
} from '../../../shared/schemas/booking-list';
import type { BookingSummary } from '../../../shared/schemas/booking-record';
import { MailLimitError, NotFoundError, UnauthorizedError } from '../../errors';
import { parseOrThrow } from '../../validation';
import type { BookingLink, BookingMail } from '../booking-mail';
import { toBooking, toSummary, type StoredBooking } from '../booking-view';
import type { Clock } from '../clock';
import { matchesManageToken } from '../manage-tokens';
import { bookingsOf, findBooking, manageTokenHashesOf } from './booking-store';
import { MAILS_PER_HOUR, takeMailSeat } from './mail-quota';
import {
  consumeListLink,
  createListLink,
  newToken,
  proofsOf,
  rememberProof,
  type Proof,
} from './proof-store';
import { CHANGEABLE } from './rules';

/**
 * The least time a refused token takes to answer: well above what reading an address's token
 * hashes takes (a few milliseconds for a few bookings, measured on FerretDB).
 */
const REFUSAL_FLOOR_MS = 40;

/**
 * The least time "send me my links" takes once its mail is allowed: new tokens and a stored
 * message take longer (21 ms median for two bookings, 5 ms for none, measured on FerretDB), and
 * the answer must not tell whether the address has bookings.
 */
const LINKS_ANSWER_FLOOR_MS = 250;

/** How long a browser's proofs last (its cookie lasts until the browser closes, at most this). */
const BROWSER_PROOF_MS = 12 * 60 * 60 * 1000;

/**
 * Said for every address alike, bookings or none: the list answers only to proof of the address.
 */
const LIST_NEEDS_PROOF =
  "An address's bookings are listed only with the admin token or the manage token of one of " +
  'its bookings: send the header Authorization: Bearer <token>.';

/** Who asks the API for an address's list: an admin, a bearer of some token, or nobody. */
export type ListAccess = { by: 'admin' } | { by: 'client'; token: unknown } | { by: 'anyone' };

/** What a browser may see on the my-bookings page. */
export interface BrowserList {
  /** The address asked for and proven, or null for everything this browser has proven. */
  email: string | null;
  /** Null when an address was asked for that this browser has not proven. */
  bookings: BookingSummary[] | null;
}

function soonestFirst(bookings: StoredBooking[]): BookingSummary[] {
  return bookings
    .sort(
      (a, b) =>
        a.startsAt.getTime() - b.startsAt.getTime() ||
        a._id.toString().localeCompare(b._id.toString()),
    )
    .map(toSummary);
}

/**
 * Bookings by e-mail address. Nothing here tells whether an address has bookings to anyone who
 * has not proven it: every answer, mail count and refusal reads the same for any address.
 */
export function createBookingsByEmail({
  mail,
  clock,
  freshLink,
  tell,
}: {
  mail: BookingMail;
  clock: Clock;
  /** A fresh manage link of a booking (its token added to the booking's). */
  freshLink: (booking: StoredBooking) => Promise<string>;
  /** Stores a message, logging a failure instead of failing the request. */
  tell: (what: string, bookingId: string, send: () => Promise<void>) => Promise<void>;
}) {
  /** One of the few anonymous mails an address may get an hour, or MailLimitError. */
  async function requireMailSeat(email: string): Promise<void> {
    if (!(await takeMailSeat(email, clock()))) throw new MailLimitError(MAILS_PER_HOUR);
  }

  async function remember(browserToken: string | undefined, proof: Proof): Promise<string> {
    const token = browserToken ?? newToken();
    await rememberProof(token, proof, new Date(clock().getTime() + BROWSER_PROOF_MS));
    return token;
  }

  /** One message with a fresh link to each coming active booking of `email`, if it has any. */
  async function mailLinks(email: string): Promise<void> {
    const now = clock();
    const coming = (await bookingsOf(email))
      .filter((booking) => CHANGEABLE.includes(booking.status) && booking.startsAt > now)
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    if (coming.length === 0) return;
    const links: BookingLink[] = [];
    for (const booking of coming) {
      links.push({ booking: toBooking(booking), manageUrl: await freshLink(booking) });
    }
    await tell('manage links', coming[0]!._id.toString(), () =>
      mail.bookingLinks({ email, links }),
    );
  }

  return {
    /**
     * The API's list of an address: for an admin, or the bearer of a manage token of one of its
     * bookings. Anyone else gets the same 401 for every address. Without a token nothing is
     * read; with one, only the address's token hashes are, each compared in constant time, so
     * the time taken tells little about whether the address has bookings.
     */
    async listByEmail(query: unknown, access: ListAccess): Promise<BookingSummary[]> {
      const { email } = parseOrThrow(BookingsByEmailQuerySchema, query);
      if (access.by === 'anyone') throw new UnauthorizedError(LIST_NEEDS_PROOF);
      if (access.by === 'client') {
        const started = performance.now();
        const token = typeof access.token === 'string' ? access.token : '';
        let proven = false;
        for (const hashes of await manageTokenHashesOf(email)) {
          if (matchesManageToken(token, hashes)) proven = true;
        }
        if (!proven) {
          // Reading an address with bookings takes longer than one without: a refusal is
          // answered no sooner than this, so its time does not tell which it was.
          await sleep(Math.max(0, started + REFUSAL_FLOOR_MS - performance.now()));
          throw new UnauthorizedError(LIST_NEEDS_PROOF);
        }
      }
      return soonestFirst(await bookingsOf(email));
    },

    /**
     * "Show me my bookings": mails `email` a link to its list, whether or not it has bookings
     * (an empty list is the address owner's to see). At most MAILS_PER_HOUR such mails an hour.
     */
    async sendListLink(input: unknown): Promise<void> {
      const { email } = parseOrThrow(BookingsByEmailQuerySchema, input);
      await requireMailSeat(email);
      const expiresAt = new Date(clock().getTime() + LIST_LINK_MINUTES * 60_000);
      const token = await createListLink(email, expiresAt);
      await mail.bookingListLink({ email, listUrl: listLinkUrl(token) });
    },

    /**
     * Uses a list link up: the browser (`browserToken`, a new one when absent) has proven the
     * address. Answers the browser's token and the address; NOT_FOUND for a link that is
     * unknown, used or expired.
     */
    async openListLink(
      linkToken: unknown,
      browserToken: string | undefined,
    ): Promise<{ browserToken: string; email: string }> {
      const token = ListLinkTokenSchema.safeParse(linkToken);
      const email = token.success ? await consumeListLink(token.data, clock()) : undefined;
      if (!email) throw new NotFoundError('list link');
      return { browserToken: await remember(browserToken, { email }), email };
    },

    /**
     * The browser made this booking or opened its private link (checked by the caller): it
     * sees the booking in its list from now on. Answers the browser's token.
     */
    async rememberBooking(bookingId: string, browserToken: string | undefined): Promise<string> {
      return remember(browserToken, { bookingId: new Types.ObjectId(bookingId) });
    },

    /**
     * What the browser may list: with `query.email`, that address's bookings if the browser
     * proved it (else null); without, every booking it proved, one by one or by address.
     */
    async listForBrowser(browserToken: string | undefined, query: unknown): Promise<BrowserList> {
      const asked =
        query && typeof query === 'object' && 'email' in query
          ? parseOrThrow(BookingsByEmailQuerySchema, query).email
          : null;
      const proofs = browserToken
        ? await proofsOf(browserToken, clock())
        : { emails: [], bookingIds: [] };
      if (asked !== null) {
        if (!proofs.emails.includes(asked)) return { email: asked, bookings: null };
        return { email: asked, bookings: soonestFirst(await bookingsOf(asked)) };
      }
      const found = new Map<string, StoredBooking>();
      for (const email of proofs.emails) {
        for (const booking of await bookingsOf(email)) found.set(booking._id.toString(), booking);
      }
      for (const id of proofs.bookingIds) {
        if (found.has(id.toString())) continue;
        const booking = await findBooking(id);
        if (booking) found.set(id.toString(), booking);
      }
      return { email: null, bookings: soonestFirst([...found.values()]) };
    },

    /**
     * "Send me my links": one message to `email` with a fresh link for each of its coming active
     * bookings; earlier links keep working. Counts against the address's hourly mails whether
     * or not it has bookings, and resolves alike either way, so the caller cannot tell.
     */
    async sendManageLinks(input: unknown): Promise<void> {
      const { email } = parseOrThrow(BookingsByEmailQuerySchema, input);
      await requireMailSeat(email);
      const started = performance.now();
      try {
        await mailLinks(email);
      } finally {
        await sleep(Math.max(0, started + LINKS_ANSWER_FLOOR_MS - performance.now()));
      }
    },
  };
}
