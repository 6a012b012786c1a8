import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { z } from 'zod';

import {
  BookingsByEmailQuerySchema,
  CreateBookingSchema,
  IdempotencyKeySchema,
  StatusChangeSchema,
  type BookingStatus,
} from '../../app/schemas/booking';
import {
  CancelBookingSchema,
  manageUrl,
  ManageTokenSchema,
  RescheduleBookingSchema,
  type Booking,
  type BookingSummary,
  type ChangedBy,
  type CreatedBooking,
} from '../../app/schemas/booking-record';
import {
  ACTIVE,
  BookingChangeClaimModel,
  BookingModel,
  isDuplicateKeyError,
  MAX_MANAGE_TOKENS,
  monthOf,
} from '../../models';
import {
  AlreadyInStatusError,
  ForbiddenError,
  IdempotencyKeyReusedError,
  InvalidTransitionError,
  NotFoundError,
  SessionNotStartedError,
  SessionStartedError,
  SlotTakenError,
} from '../errors';
import type { Logger } from '../logger';
import { parseOrThrow } from '../validation';
import type { BookingChangeNotifier, BookingChangedEvent } from './booking-change-notifier';
import type { BookingLink, BookingMail } from './booking-mail';
import { toBooking, toSummary, type StoredBooking } from './booking-view';
import { requireObjectId, type Clock, type ExpertsService } from './experts';
import { issueManageToken, matchesManageToken } from './manage-tokens';
import type { BookingNotifier } from './slot-notifier';

export type BookingsService = ReturnType<typeof createBookingsService>;

/**
 * Who is asking to see or change a booking: an admin (checked by the caller against
 * ADMIN_TOKEN or the session), a signed-in expert (their own expert's bookings only), or whoever
 * holds a manage token, which the service checks against the booking.
 */
export type BookingAccess =
  { by: 'admin' } | { by: 'expert'; expertId: string } | { by: 'client'; token: unknown };

const IdempotencyOptionsSchema = z.object({ idempotencyKey: z.optional(IdempotencyKeySchema) });

/** The status moves an admin makes with PATCH …/status; cancelling has its own rules below. */
const NEXT_STATUS: Record<BookingStatus, BookingStatus | undefined> = {
  Pending: 'Confirmed',
  Confirmed: 'Completed',
  Completed: undefined,
  Cancelled: undefined,
};

/** How long a change waits before reading again when another change from the same state runs. */
const CLAIM_WAIT_MS = 25;
/** A claim this old was left by a process that died between claiming and writing. */
const STALE_CLAIM_MS = 10_000;

/** A booking in one of these holds its slot and may still be cancelled or moved. */
const CHANGEABLE: readonly string[] = ['Pending', 'Confirmed'] satisfies BookingStatus[];

function stateOf(booking: StoredBooking) {
  return { status: booking.status, date: booking.date, timeSlot: booking.timeSlot };
}

function slotOf(booking: Pick<StoredBooking, 'expertId' | 'date' | 'timeSlot'>) {
  return { expertId: booking.expertId.toString(), date: booking.date, timeSlot: booking.timeSlot };
}

/**
 * Matches the booking only as it was read: same status, same slot, still active. A change that
 * committed in between makes the write match nothing, and the caller starts again from a fresh
 * read instead of overwriting it.
 */
function asRead(booking: StoredBooking) {
  return {
    _id: booking._id,
    status: booking.status,
    date: booking.date,
    timeSlot: booking.timeSlot,
    activeKey: ACTIVE,
  };
}

/** What the consoles hear of a change: the booking as it now is, and who changed it. */
function changeOf(
  change: BookingChangedEvent['change'],
  booking: StoredBooking,
  by: ChangedBy,
): BookingChangedEvent {
  return {
    change,
    bookingId: booking._id.toString(),
    expertId: booking.expertId.toString(),
    by,
    name: booking.name,
    date: booking.date,
    timeSlot: booking.timeSlot,
    status: booking.status as BookingStatus,
  };
}

export function createBookingsService({
  experts,
  notifier,
  changes,
  mail,
  logger,
  clock,
}: {
  experts: ExpertsService;
  notifier: BookingNotifier;
  /** The consoles' live updates: every committed change, with the client's name. */
  changes: BookingChangeNotifier;
  mail: BookingMail;
  logger: Logger;
  clock: Clock;
}) {
  async function requireBooking(id: unknown): Promise<StoredBooking> {
    const booking = await BookingModel.findById(requireObjectId(id, 'booking')).lean();
    if (!booking) throw new NotFoundError('booking');
    return booking;
  }

  /** Lets an admin through, the booking's expert, and a client whose token is one of its own. */
  function requireAccess(booking: StoredBooking, access: BookingAccess): ChangedBy {
    if (access.by === 'admin') return 'admin';
    if (access.by === 'expert') {
      // Not FORBIDDEN: no one may learn that another expert's booking exists.
      if (booking.expertId.toString() !== access.expertId) throw new NotFoundError('booking');
      return 'expert';
    }
    const token = ManageTokenSchema.safeParse(access.token);
    if (!token.success || !matchesManageToken(token.data, booking.manageTokenHashes)) {
      throw new ForbiddenError('That manage token does not open this booking.');
    }
    return 'client';
  }

  /** A fresh token for an existing booking; the older ones keep working, up to the cap. */
  async function addManageToken(booking: StoredBooking): Promise<string> {
    const { token, hash } = issueManageToken();
    await BookingModel.updateOne(
      { _id: booking._id },
      { $push: { manageTokenHashes: { $each: [hash], $slice: -MAX_MANAGE_TOKENS } } },
    );
    return token;
  }

  async function freshLink(booking: StoredBooking): Promise<string> {
    return manageUrl(booking._id.toString(), await addManageToken(booking));
  }

  /** Claims the right to change the booking from the revision read; false when another has it. */
  async function claimRevision(claimId: string): Promise<boolean> {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await BookingChangeClaimModel.create({ _id: claimId });
        return true;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        const { deletedCount } = await BookingChangeClaimModel.deleteOne({
          _id: claimId,
          createdAt: { $lt: new Date(Date.now() - STALE_CLAIM_MS) },
        });
        if (deletedCount === 0) return false;
      }
    }
    return false;
  }

  /**
   * Writes one change to the booking as it was read, or answers null when it has moved on (or
   * another change from the same state is being written): the caller reads again and decides
   * afresh. The claim makes racing changes take turns on FerretDB too (see BookingChangeClaim).
   */
  async function writeChange(
    current: StoredBooking,
    update: Parameters<typeof BookingModel.findOneAndUpdate>[1],
  ): Promise<StoredBooking | null> {
    const claimId = `${current._id.toString()}#${current.history.length}`;
    if (!(await claimRevision(claimId))) {
      await sleep(CLAIM_WAIT_MS);
      return null;
    }
    let updated: StoredBooking | null;
    try {
      updated = await BookingModel.findOneAndUpdate(asRead(current), update, { new: true }).lean();
    } catch (error) {
      await BookingChangeClaimModel.deleteOne({ _id: claimId });
      throw error;
    }
    if (!updated) await BookingChangeClaimModel.deleteOne({ _id: claimId });
    return updated;
  }

  /** Socket.io and the catalogue: a failure to tell them never undoes a committed change. */
  function announce(what: string, bookingId: string, send: () => void): void {
    try {
      send();
    } catch (error) {
      logger.error({ err: error, bookingId }, `${what} notification failed`);
    }
  }

  /** The mail outbox: a message that could not be stored is logged; the change stands. */
  async function tell(what: string, bookingId: string, send: () => Promise<void>): Promise<void> {
    try {
      await send();
    } catch (error) {
      logger.error({ err: error, bookingId }, `${what} message could not be stored`);
    }
  }

  async function cancelAs(
    current: StoredBooking,
    by: ChangedBy,
    reason?: string,
  ): Promise<Booking> {
    // A repeat (a second click, a retried request) finds the cancel done: one cancel, not an error.
    if (current.status === 'Cancelled') return toBooking(current);
    if (!CHANGEABLE.includes(current.status)) {
      throw new InvalidTransitionError(current.status, 'Cancelled');
    }
    if (current.startsAt <= clock()) throw new SessionStartedError();
    const id = current._id.toString();
    const entry = {
      at: clock(),
      by,
      from: stateOf(current),
      to: { ...stateOf(current), status: 'Cancelled' },
      ...(reason ? { reason } : {}),
    };
    const updated = await writeChange(current, {
      // The booking's own id as its key: unique, so it collides with no other booking, ever.
      $set: { status: 'Cancelled', activeKey: id },
      $push: { history: entry },
    });
    if (!updated) return cancelAs(await requireBooking(id), by, reason);

    announce('slot release', id, () => notifier.slotReleased(slotOf(current)));
    announce('cancel', id, () => changes.bookingChanged(changeOf('cancelled', updated, by)));
    const booking = toBooking(updated);
    await tell('cancellation', id, async () =>
      mail.bookingCancelled({ booking, manageUrl: await freshLink(updated) }),
    );
    return booking;
  }

  async function advanceAs(
    current: StoredBooking,
    status: BookingStatus,
    by: ChangedBy,
  ): Promise<Booking> {
    const from = current.status as BookingStatus;
    // Whoever lost a race to make this very change learns where the booking now stands.
    if (from === status) throw new AlreadyInStatusError(status);
    if (NEXT_STATUS[from] !== status) throw new InvalidTransitionError(from, status);
    if (status === 'Completed' && current.startsAt > clock()) throw new SessionNotStartedError();
    const entry = {
      at: clock(),
      by,
      from: stateOf(current),
      to: { ...stateOf(current), status },
    };
    const updated = await writeChange(current, { $set: { status }, $push: { history: entry } });
    if (!updated) return advanceAs(await requireBooking(current._id.toString()), status, by);
    const id = updated._id.toString();
    announce('status', id, () => changes.bookingChanged(changeOf('status', updated, by)));
    return toBooking(updated);
  }

  async function moveAs(
    current: StoredBooking,
    target: { date: string; timeSlot: string },
    by: ChangedBy,
  ): Promise<Booking> {
    const id = current._id.toString();
    const alreadyThere = current.date === target.date && current.timeSlot === target.timeSlot;
    // A repeat of the move that brought it here: answer with the booking, change nothing.
    if (alreadyThere && CHANGEABLE.includes(current.status)) return toBooking(current);
    if (!CHANGEABLE.includes(current.status)) {
      throw new InvalidTransitionError(current.status, 'rescheduled');
    }
    if (current.startsAt <= clock()) throw new SessionStartedError();
    const { startsAt } = await experts.requireBookableSlot(
      current.expertId.toString(),
      target.date,
      target.timeSlot,
    );
    const entry = {
      at: clock(),
      by,
      from: stateOf(current),
      to: { status: 'Pending', ...target },
    };
    let updated: StoredBooking | null;
    try {
      // One write: the unique index decides whether the new slot is free, and if it is not,
      // nothing about the booking changes.
      updated = await writeChange(current, {
        $set: { ...target, startsAt, month: monthOf(target.date), status: 'Pending' },
        $push: { history: entry },
      });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      throw new SlotTakenError();
    }
    if (!updated) return moveAs(await requireBooking(id), target, by);

    announce('slot release', id, () => notifier.slotReleased(slotOf(current)));
    announce('slot', id, () => notifier.slotBooked(slotOf(updated)));
    announce('move', id, () => changes.bookingChanged(changeOf('rescheduled', updated, by)));
    const booking = toBooking(updated);
    const previous = {
      date: current.date,
      timeSlot: current.timeSlot,
      startsAt: current.startsAt.toISOString(),
    };
    await tell('reschedule', id, async () =>
      mail.bookingRescheduled({ booking, previous, manageUrl: await freshLink(updated) }),
    );
    return booking;
  }

  return {
    /**
     * Books a slot and answers with the booking's private manage link, whose token is never
     * stored. With an idempotency key, repeating the same attempt returns the booking it already
     * made (announcing nothing new) with a fresh token, since the first one cannot be read back;
     * the first link keeps working. The same key for another slot is refused: silently answering
     * with the earlier booking would confirm a slot the person did not ask for. Keys belong to
     * the email that used them, so a key someone else sent can neither block nor reveal another
     * person's booking.
     */
    async create(
      input: unknown,
      options: { idempotencyKey?: unknown } = {},
    ): Promise<CreatedBooking> {
      const { expertId, date, timeSlot, ...contact } = parseOrThrow(CreateBookingSchema, input);
      const { idempotencyKey: givenKey } = parseOrThrow(IdempotencyOptionsSchema, options);
      const slot = { expertId, date, timeSlot };

      /** The booking this attempt already made, if any; refused when it was for another slot. */
      async function earlierAttempt(): Promise<CreatedBooking | undefined> {
        if (!givenKey) return undefined;
        const earlier = await BookingModel.findOne({
          email: contact.email,
          idempotencyKey: givenKey,
        }).lean();
        if (!earlier) return undefined;
        const sameSlot =
          earlier.expertId.toString() === slot.expertId &&
          earlier.date === slot.date &&
          earlier.timeSlot === slot.timeSlot;
        if (!sameSlot) throw new IdempotencyKeyReusedError(earlier);
        const token = await addManageToken(earlier);
        const id = earlier._id.toString();
        return { ...toBooking(earlier), manageToken: token, manageUrl: manageUrl(id, token) };
      }

      const replay = await earlierAttempt();
      if (replay) return replay;
      const { expert, startsAt } = await experts.requireBookableSlot(expertId, date, timeSlot);
      const { token, hash } = issueManageToken();

      let created: StoredBooking;
      try {
        created = (
          await BookingModel.create({
            ...contact,
            expertId: expert._id,
            expertName: expert.name,
            timezone: expert.timezone,
            date,
            timeSlot,
            startsAt,
            status: 'Pending',
            activeKey: ACTIVE,
            manageTokenHashes: [hash],
            // Every booking carries a real key: a unique index over a missing value would let
            // MongoDB hold only one booking without a key per email.
            idempotencyKey: givenKey ?? randomUUID(),
          })
        ).toObject();
      } catch (error) {
        // The unique indexes are the guarantee: losing the race for the slot, or a concurrent
        // repeat of this very attempt, lands here.
        if (!isDuplicateKeyError(error)) throw error;
        const winner = await earlierAttempt();
        if (winner) return winner;
        throw new SlotTakenError();
      }

      // Committed: now, and only now, everyone watching this expert may learn the slot is gone.
      const id = created._id.toString();
      announce('slot', id, () => notifier.slotBooked(slotOf(created)));
      announce('booking', id, () => changes.bookingChanged(changeOf('booked', created, 'client')));
      const booking = toBooking(created);
      const link = manageUrl(id, token);
      await tell('booking', id, () => mail.bookingMade({ booking, manageUrl: link }));
      return { ...booking, manageToken: token, manageUrl: link };
    },

    /** One booking, for an admin or the holder of one of its manage tokens. */
    async get(id: unknown, access: BookingAccess): Promise<Booking> {
      const booking = await requireBooking(id);
      requireAccess(booking, access);
      return toBooking(booking);
    },

    /**
     * The booking a manage link opens, or NOT_FOUND for a wrong or missing token: a page must
     * not tell whether a booking with that id exists.
     */
    async getByManageLink(id: unknown, token: unknown): Promise<Booking> {
      const booking = await requireBooking(id);
      try {
        requireAccess(booking, { by: 'client', token });
      } catch {
        throw new NotFoundError('booking');
      }
      return toBooking(booking);
    },

    /** Anyone may look an email up, so the answer holds nothing personal and no links. */
    async listByEmail(query: unknown): Promise<BookingSummary[]> {
      const { email } = parseOrThrow(BookingsByEmailQuerySchema, query);
      // `{ email }` equality is what FerretDB pushes down; it cannot sort, so we do, here.
      const bookings = await BookingModel.find({ email }).lean();
      bookings.sort(
        (a, b) =>
          a.startsAt.getTime() - b.startsAt.getTime() ||
          a._id.toString().localeCompare(b._id.toString()),
      );
      return bookings.map(toSummary);
    },

    /**
     * "Send me my links": one message to `email` with a fresh link for each of its coming active
     * bookings; earlier links keep working. Resolves the same way whether or not there are any,
     * so the caller's answer cannot tell.
     */
    async sendManageLinks(input: unknown): Promise<void> {
      const { email } = parseOrThrow(BookingsByEmailQuerySchema, input);
      const now = clock();
      const coming = (await BookingModel.find({ email }).lean())
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
    },

    /** Cancels a Pending or Confirmed booking before it starts; its slot is free at once. */
    async cancel(id: unknown, input: unknown, access: BookingAccess): Promise<Booking> {
      const bookingId = requireObjectId(id, 'booking');
      const { reason } = parseOrThrow(CancelBookingSchema, input ?? {});
      const current = await requireBooking(bookingId);
      return cancelAs(current, requireAccess(current, access), reason || undefined);
    },

    /** Moves a booking to another free slot of its expert: same id, same links, Pending again. */
    async reschedule(id: unknown, input: unknown, access: BookingAccess): Promise<Booking> {
      const bookingId = requireObjectId(id, 'booking');
      const target = parseOrThrow(RescheduleBookingSchema, input);
      const current = await requireBooking(bookingId);
      return moveAs(current, target, requireAccess(current, access));
    },

    /**
     * One step forward (Completed only once the session has started), or a cancellation: an
     * admin's, or the booking's expert's.
     */
    async changeStatus(id: unknown, input: unknown, access: BookingAccess): Promise<Booking> {
      const bookingId = requireObjectId(id, 'booking');
      const { status } = parseOrThrow(StatusChangeSchema, input);
      const current = await requireBooking(bookingId);
      const by = requireAccess(current, access);
      if (by === 'client') throw new ForbiddenError('Only an admin or the expert can do that.');
      if (status === 'Cancelled') return cancelAs(current, by);
      return advanceAs(current, status, by);
    },
  };
}
