import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { Types } from 'mongoose';
import { z } from 'zod';

import {
  CreateBookingSchema,
  IdempotencyKeySchema,
  type CreateBookingInput,
  type BookingStatus,
} from '../../../shared/schemas/booking';
import {
  CancelBookingSchema,
  manageUrl,
  RescheduleBookingSchema,
  StatusChangeSchema,
  type Booking,
  type ChangedBy,
  type CreatedBooking,
} from '../../../shared/schemas/booking-record';
import {
  ACTIVE,
  isDuplicateKeyError,
  monthOf,
  refuseUnwantedWork,
  runPastItsRequest,
} from '../../../models';
import {
  AlreadyInStatusError,
  DayFullError,
  DomainError,
  ForbiddenError,
  IdempotencyKeyReusedError,
  InvalidTransitionError,
  NotFoundError,
  SessionNotStartedError,
  SessionStartedError,
  SlotTakenError,
} from '../../errors';
import type { Logger } from '../../logger';
import { parseOrThrow } from '../../validation';
import type { BookingChangeNotifier } from '../booking-change-notifier';
import type { BookingMail } from '../booking-mail';
import { toBooking, type StoredBooking } from '../booking-view';
import type { Clock } from '../clock';
import {
  sameBookableSlot,
  type BookableSlot,
  type ExpertsService,
  type Placement,
} from '../experts';
import { inLine } from '../in-line';
import { requireObjectId } from '../object-id';
import { issueManageToken } from '../manage-tokens';
import type { BookingNotifier } from '../slot-notifier';
import {
  addManageTokenHash,
  CLAIM_WAIT_MS,
  findAttempt,
  findBooking,
  insertBooking,
  writeChange,
} from './booking-store';
import {
  attemptHoldId,
  heldIdsOf,
  HoldChange,
  HoldChangeBusy,
  holderOf,
  holdIdsOf,
  timeHoldIds,
} from './hold-store';
import { requestHashOf, sameRequest } from './attempts';
import { NEW_BOOKINGS_AT_ONCE } from './new-bookings-line';
import { createBookingsByEmail } from './by-email';
import {
  agendaSubscriber,
  consoleSubscriber,
  mailSubscriber,
  publisher,
  slotSubscriber,
} from './events';
import { createAgendaScheduler } from '../reminders/agenda-store';
import { seatlessBookingsOn } from './occupancy-store';
import {
  cancelReminders,
  planReminders,
  reminderWrite,
  type ReminderFields,
} from '../reminders/plan';
import {
  cancellableUntilOf,
  requireAccess,
  requireChangeable,
  requireLateCancelReason,
  stateOf,
  type BookingAccess,
  CHANGEABLE,
  NEXT_STATUS,
} from './rules';

export type BookingsService = ReturnType<typeof createBookingsService>;

const IdempotencyOptionsSchema = z.object({ idempotencyKey: z.optional(IdempotencyKeySchema) });

/** How many times a repeat of an attempt looks for the booking the first one is making. */
const REPEAT_WAITS = 80;

/**
 * Runs one change of a booking's holds, marked while it runs (HoldChange). A domain error or a
 * SettledOutcome thrown by `work` is a known outcome, its holds already settled, so the mark
 * goes; any other failure leaves the mark for the hold sweep, which makes the holds match the
 * booking as it is stored.
 * `alongsideEnd` runs with the mark's release once the work is done (the change is committed):
 * one round trip instead of two in a row.
 */
async function withHoldChange<T>(
  expertId: Types.ObjectId,
  bookingId: Types.ObjectId,
  work: (change: HoldChange) => Promise<T>,
  {
    exclusive,
    alongsideEnd,
  }: { exclusive?: boolean; alongsideEnd?: (result: T) => Promise<void> } = {},
): Promise<T> {
  const change = new HoldChange(expertId, bookingId, { exclusive });
  let result: T;
  try {
    result = await work(change);
  } catch (error) {
    if (error instanceof DomainError || error instanceof SettledOutcome) await change.end();
    throw error;
  }
  await Promise.all([change.end(), alongsideEnd?.(result)]);
  return result;
}

/**
 * Runs a change of an existing booking; when another change of it is under way, answers null
 * after a short wait, and the caller reads the booking again and decides afresh.
 */
async function oneChangeAtATime<T>(run: () => Promise<T>): Promise<T | null> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof HoldChangeBusy)) throw error;
    await sleep(CLAIM_WAIT_MS);
    return null;
  }
}

/**
 * An outcome of a booking's change the service itself goes on from (try again, wait, book on
 * another answer), thrown only once the change's holds are settled: like a domain error, its
 * change is over and its mark goes.
 */
class SettledOutcome extends Error {}

/**
 * The time is held by a booking that is not written (yet): a request still making it, which may
 * write it or give the time back in a moment. A new booking waits a little and tries again rather
 * than be told the slot is taken by a booking that may never be.
 */
class HeldByUnfinishedBooking extends SettledOutcome {
  constructor() {
    super('The time is held by a booking still being made.');
  }
}

/** How many times a new booking tries again while its time is held by an unfinished one. */
const UNFINISHED_WAITS = 8;

/** The read model's guess of a slot is not what the database says: book on the database's. */
class GuessedWrong extends SettledOutcome {
  constructor() {
    super('The slot was claimed on a guess the database does not agree with.');
  }
}

/** Another request of this very booking attempt holds its mark, under the booking id it chose. */
class RepeatedAttempt extends SettledOutcome {
  constructor(readonly holder: Types.ObjectId) {
    super('Another request of this booking attempt is making the booking.');
  }
}

/**
 * Claims the time (and the daily seat) of a placement for the booking, skipping the holds it
 * already has, in one write with the change's mark and `first` (an attempt's mark). The database
 * decides: the first hold another booking has makes the claim fail, and what this claim took is
 * released before the error is thrown. Answers the ids it took and the booking's day seat.
 */
async function claimPlacement(
  change: HoldChange,
  placement: Placement,
  {
    alreadyHeld = new Set<string>(),
    keepSeat,
    first = [],
    fresh = false,
  }: {
    alreadyHeld?: ReadonlySet<string>;
    /** The booking stays on its day: it keeps the seat it has, or stays without one. */
    keepSeat?: { daySeat?: string };
    first?: string[];
    /** The booking is new: this request's holds are its alone unless a retry took them over. */
    fresh?: boolean;
  } = {},
): Promise<{ claimed: string[]; daySeat?: string }> {
  const span = { from: placement.heldFrom.getTime(), until: placement.heldUntil.getTime() };
  const claimed = [
    ...first,
    ...timeHoldIds(change.expertId.toString(), span).filter((id) => !alreadyHeld.has(id)),
  ];
  const refusal = await change.claim(claimed);
  if (refusal) {
    const [attempt] = first;
    const refusedId = refusal.refused ?? attempt;
    const holder = refusedId === undefined ? undefined : await holderOf(refusedId);
    const ownedByAnother = holder !== undefined && !holder.equals(change.bookingId);
    // A new booking's holds are this request's alone, unless a retry of its attempt took them
    // over (then the refusing hold is this booking's own): only then is releasing them all safe.
    const release = () => (fresh && ownedByAnother ? change.releaseAll() : change.release(claimed));
    if (ownedByAnother && refusedId === attempt) {
      await release();
      throw new RepeatedAttempt(holder);
    }
    // Another request making this very booking (one that took its attempt over) may have
    // claimed some of them: held by this booking is all that matters.
    const held = ownedByAnother ? new Set<string>() : new Set(await heldIdsOf(change.bookingId));
    if (!claimed.every((id) => held.has(id))) {
      await release();
      // Held by a booking not written yet, or by nothing any more (given back since): unsettled.
      const unsettled = holder === undefined || (ownedByAnother && !(await findBooking(holder)));
      if (fresh && unsettled) throw new HeldByUnfinishedBooking();
      throw new SlotTakenError();
    }
  }
  const limit = placement.maxSessionsPerDay;
  if (limit === undefined) return { claimed };
  if (keepSeat) return { claimed, ...keepSeat };
  const seatless = await seatlessBookingsOn(change.expertId, placement.date);
  const seat = await change.claimDaySeat(placement.date, limit, seatless + 1);
  if (!seat) {
    await change.release(claimed);
    throw new DayFullError(placement.date, limit);
  }
  return { claimed: [...claimed, seat], daySeat: seat };
}

/** The notice a new booking is made with, and its deadline; nothing without a notice. */
function noticeFields({ startsAt, cancellationNoticeMinutes }: Placement) {
  const cancellableUntil = cancellableUntilOf(startsAt, cancellationNoticeMinutes);
  return cancellableUntil ? { cancellationNoticeMinutes, cancellableUntil } : {};
}

/** A seat already held, as claimPlacement keeps it. */
function seatOf(daySeat: string | undefined): { daySeat: string } | undefined {
  return daySeat ? { daySeat } : undefined;
}

/** The fields of a booking that say where it is and what it holds. */
function placedAt(placement: Placement, daySeat: string | undefined) {
  const { date, timeSlot, startsAt, endsAt, heldFrom, heldUntil } = placement;
  return {
    set: {
      date,
      timeSlot,
      startsAt,
      endsAt,
      heldFrom,
      heldUntil,
      month: monthOf(date),
      ...(daySeat ? { daySeat } : {}),
    },
    unset: daySeat ? {} : { daySeat: 1 as const },
  };
}

export function createBookingsService({
  experts,
  notifier,
  changes,
  mail,
  logger,
  clock,
  newBookingsAtOnce = NEW_BOOKINGS_AT_ONCE,
}: {
  experts: ExpertsService;
  notifier: BookingNotifier;
  /** The consoles' live updates: every committed change, with the client's name. */
  changes: BookingChangeNotifier;
  mail: BookingMail;
  logger: Logger;
  clock: Clock;
  /** New bookings made at once; the next wait their turn. */
  newBookingsAtOnce?: number;
}) {
  async function requireBooking(id: unknown): Promise<StoredBooking> {
    const booking = await findBooking(requireObjectId(id, 'booking'));
    if (!booking) throw new NotFoundError('booking');
    return booking;
  }

  /** A fresh token for an existing booking; the older ones keep working, up to the cap. */
  async function addManageToken(booking: StoredBooking): Promise<string> {
    const { token, hash } = issueManageToken();
    await addManageTokenHash(booking._id, hash);
    return token;
  }

  async function freshLink(booking: StoredBooking): Promise<string> {
    return manageUrl(booking._id.toString(), await addManageToken(booking));
  }

  const scheduleAgenda = createAgendaScheduler();
  // Those that write to the database first: their round trips then overlap the others' work
  // (the live updates), instead of starting after it.
  const publish = publisher(
    [
      mailSubscriber(mail, freshLink),
      agendaSubscriber((booking) =>
        scheduleAgenda(booking.expertId, booking.date, booking.timezone, clock()),
      ),
      slotSubscriber(notifier),
      consoleSubscriber(changes),
    ],
    logger,
  );

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
    requireChangeable(current, by, clock());
    requireLateCancelReason(current, by, clock(), reason);
    const id = current._id.toString();
    const reminders = reminderWrite(cancelReminders(current as ReminderFields));
    const entry = {
      at: clock(),
      by,
      from: stateOf(current),
      to: { ...stateOf(current), status: 'Cancelled' },
      ...(reason ? { reason } : {}),
    };
    // The booking stops counting first, then its holds go: a crash in between leaves holds of a
    // cancelled booking, which the sweep releases, never an active booking without its holds.
    const updated = await oneChangeAtATime(() =>
      withHoldChange(
        current.expertId,
        current._id,
        async (change) => {
          await change.begin();
          const written = await writeChange(current, {
            // The booking's own id as its key: unique, so it collides with no other booking.
            $set: { status: 'Cancelled', activeKey: id, ...reminders.set },
            $unset: reminders.unset,
            $push: { history: entry },
          });
          if (written) await change.releaseAll();
          return written;
        },
        { exclusive: true },
      ),
    );
    if (!updated) return cancelAs(await requireBooking(id), by, reason);

    await publish({ kind: 'cancelled', booking: updated, before: current, by });
    return toBooking(updated);
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
    // A completed session has nothing left to remind anyone of; a confirmed one keeps them.
    const reminders =
      status === 'Completed'
        ? reminderWrite(cancelReminders(current as ReminderFields))
        : { set: {}, unset: {} };
    const updated = await writeChange(current, {
      $set: { status, ...reminders.set },
      $unset: reminders.unset,
      $push: { history: entry },
    });
    if (!updated) return advanceAs(await requireBooking(current._id.toString()), status, by);
    await publish({ kind: 'status', booking: updated, by });
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
    requireChangeable(current, by, clock());
    const { placement } = await experts.requireBookableSlot(
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
    // The new time is claimed before the booking moves and the old released after, so the
    // booking holds its time throughout; time it keeps (a move by a few minutes) stays held.
    const updated = await oneChangeAtATime(() =>
      withHoldChange(current.expertId, current._id, (change) => moveHolds(change), {
        exclusive: true,
      }),
    );
    if (!updated) return moveAs(await requireBooking(id), target, by);

    await publish({ kind: 'rescheduled', booking: updated, before: current, by });
    return toBooking(updated);

    async function moveHolds(change: HoldChange): Promise<StoredBooking | null> {
      await change.begin();
      // What the booking holds is read only once this change is the booking's only one.
      const alreadyHeld = new Set(await heldIdsOf(current._id));
      const keepSeat =
        current.date === target.date
          ? current.daySeat
            ? { daySeat: current.daySeat }
            : {}
          : undefined;
      const { claimed, daySeat } = await claimPlacement(change, placement, {
        alreadyHeld,
        keepSeat,
      });
      const { set, unset } = placedAt(placement, daySeat);
      // The reminders and the deadline move with the session; the notice stays the one the
      // booking was made with.
      const reminders = reminderWrite(planReminders(placement.startsAt, clock()));
      const deadline = cancellableUntilOf(placement.startsAt, current.cancellationNoticeMinutes);
      let written: StoredBooking | null;
      try {
        // The unique label index still has its say: if it refuses, nothing about the booking
        // changes.
        written = await writeChange(current, {
          $set: {
            ...set,
            ...reminders.set,
            ...(deadline ? { cancellableUntil: deadline } : {}),
            status: 'Pending',
          },
          $unset: { ...unset, ...reminders.unset },
          $push: { history: entry },
        });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        await change.release(claimed);
        throw new SlotTakenError();
      }
      if (!written) {
        await change.release(claimed);
        return null;
      }
      const keep = new Set(holdIdsOf(written));
      await change.release([...alreadyHeld].filter((held) => !keep.has(held)));
      return written;
    }
  }

  /** Makes the booking `create` asked for, once its turn in line has come. */
  async function book(
    request: CreateBookingInput,
    givenKey: string | undefined,
  ): Promise<CreatedBooking> {
    const { expertId, date, timeSlot, sessionMinutes, ...contact } = request;
    const requestHash = requestHashOf(request);

    /**
     * The booking this attempt already made, if any. Only the very same request replays it:
     * a key with the same email but another name, phone or slot learns nothing of it.
     */
    async function earlierAttempt(): Promise<CreatedBooking | undefined> {
      if (!givenKey) return undefined;
      const earlier = await findAttempt(contact.email, givenKey);
      if (!earlier) return undefined;
      if (!sameRequest(earlier.requestHash, requestHash)) throw new IdempotencyKeyReusedError();
      const token = await addManageToken(earlier);
      const id = earlier._id.toString();
      return { ...toBooking(earlier), manageToken: token, manageUrl: manageUrl(id, token) };
    }

    /** The booking of a repeat of this attempt that is being made right now, once it is. */
    async function repeatedAttempt(): Promise<CreatedBooking | undefined> {
      for (let wait = 0; wait < REPEAT_WAITS; wait++) {
        const earlier = await earlierAttempt();
        if (earlier) return earlier;
        await sleep(CLAIM_WAIT_MS);
      }
      return undefined;
    }

    const replay = await earlierAttempt();
    if (replay) return replay;
    // The database's word on the slot decides; the read model's guess lets the time be claimed
    // while that word is on its way (a round trip less), and is checked before anything else.
    const decided = experts.requireBookableSlot(expertId, date, timeSlot, sessionMinutes);
    // Read below whichever way the booking goes: its failure is never left unheard.
    decided.catch(() => undefined);
    const guess = experts.guessBookableSlot(expertId, date, timeSlot, sessionMinutes);
    const { token, hash } = issueManageToken();

    // Committed (with the change's mark released alongside): now, and only now, everyone
    // watching this expert may learn the slot is gone.
    const announce = async (booking: StoredBooking | null) => {
      if (!booking) return;
      const link = manageUrl(booking._id.toString(), token);
      await publish({ kind: 'booked', booking, by: 'client', manageUrl: link });
    };

    // Time first, then the booking: a crash in between leaves holds without a booking, which
    // the sweep releases, never a booking without its holds.
    /**
     * Claims the time and writes the booking under `id`: a fresh id, or that of a request of
     * this same attempt whose booking never came (it failed, or its process died), whose holds
     * this request then takes over instead of being kept out by them.
     */
    const placeBooking = (
      { expert, placement }: BookableSlot,
      id: Types.ObjectId,
      takeOver: boolean,
      /** Throws when the slot the time was claimed for is not the one to book after all. */
      confirm?: () => Promise<void>,
    ) =>
      withHoldChange(
        expert._id,
        id,
        async (change) => {
          const held = takeOver ? await heldIdsOf(id) : [];
          const seatPrefix = `d:${expert._id.toString()}:${placement.date}:`;
          const { daySeat } = await claimPlacement(change, placement, {
            // Repeats of one attempt meet on its mark, claimed first in the same write, before
            // any of them can take the time from the others and be told it is taken.
            first: givenKey && !takeOver ? [attemptHoldId(contact.email, givenKey)] : [],
            fresh: !takeOver,
            alreadyHeld: new Set(held),
            keepSeat: seatOf(held.find((hold) => hold.startsWith(seatPrefix))),
          });
          try {
            await confirm?.();
          } catch (error) {
            await change.releaseAll();
            throw error;
          }
          try {
            return await insertBooking({
              ...contact,
              _id: id,
              expertId: expert._id,
              expertName: expert.name,
              timezone: expert.timezone,
              ...placedAt(placement, daySeat).set,
              ...reminderWrite(planReminders(placement.startsAt, clock())).set,
              ...noticeFields(placement),
              status: 'Pending',
              activeKey: ACTIVE,
              manageTokenHashes: [hash],
              // Every booking carries a real key: a unique index over a missing value would
              // let MongoDB hold only one booking without a key per email.
              idempotencyKey: givenKey ?? randomUUID(),
              requestHash,
            });
          } catch (error) {
            // The label index, or another request of this very attempt, refused it. Holds of a
            // booking that was written are that booking's: only an unwritten one lets go.
            if (!isDuplicateKeyError(error)) throw error;
            if (!(await findBooking(id))) await change.releaseAll();
            return null;
          }
        },
        { alongsideEnd: announce },
      );

    /**
     * Books on the guess when there is one, and answers as if the database had been read
     * first: its refusal of the slot comes before any other outcome, and a guess it does not
     * agree with is let go and the booking made again on its answer.
     */
    async function placeNew(): Promise<StoredBooking | null> {
      if (!guess) return placeBooking(await decided, new Types.ObjectId(), false);
      const confirmGuess = async () => {
        if (!sameBookableSlot(await decided, guess)) throw new GuessedWrong();
      };
      try {
        return await placeBooking(guess, new Types.ObjectId(), false, confirmGuess);
      } catch (error) {
        const slot = await decided;
        if (sameBookableSlot(slot, guess)) throw error;
        return placeBooking(slot, new Types.ObjectId(), false);
      }
    }

    /** Books, trying again a few times while the time is held by a booking still being made. */
    async function placeNewWhenSettled(): Promise<StoredBooking | null> {
      for (let wait = 0; ; wait++) {
        try {
          return await placeNew();
        } catch (error) {
          if (!(error instanceof HeldByUnfinishedBooking)) throw error;
          if (wait === UNFINISHED_WAITS) throw new SlotTakenError();
          await sleep(CLAIM_WAIT_MS);
        }
      }
    }

    let created: StoredBooking | null;
    try {
      created = await placeNewWhenSettled();
    } catch (error) {
      if (!(error instanceof RepeatedAttempt)) throw error;
      const winner = await repeatedAttempt();
      if (winner) return winner;
      created = await placeBooking(await decided, error.holder, true);
    }
    if (!created) {
      const winner = await earlierAttempt();
      if (winner) return winner;
      throw new SlotTakenError();
    }

    const link = manageUrl(created._id.toString(), token);
    return { ...toBooking(created), manageToken: token, manageUrl: link };
  }

  const byEmail = createBookingsByEmail({ mail, clock, freshLink, tell });
  const newBookings = inLine(newBookingsAtOnce);

  return {
    ...byEmail,

    /**
     * Books a slot and answers with the booking's private manage link, whose token is never
     * stored. With an idempotency key, repeating the same attempt returns the booking it already
     * made (announcing nothing new) with a fresh token, since the first one cannot be read back;
     * the first link keeps working. The same key with any other request (another slot, name or
     * phone) is refused and told nothing: answering with the earlier booking would confirm a
     * slot the person did not ask for, or hand someone who knows the key and the email another
     * person's booking. Keys belong to the email that used them, so a key someone else sent can
     * neither block nor reveal another person's booking.
     */
    async create(
      input: unknown,
      options: { idempotencyKey?: unknown } = {},
    ): Promise<CreatedBooking> {
      const request = parseOrThrow(CreateBookingSchema, input);
      const { idempotencyKey } = parseOrThrow(IdempotencyOptionsSchema, options);
      return newBookings(() => {
        // Its turn may come after its client left or its time ran out: then nothing is started.
        refuseUnwantedWork();
        // Begun, it is finished: the client may ask again with the same key and get it.
        return runPastItsRequest(() => book(request, idempotencyKey));
      });
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

    /**
     * Whether the booking's cancellation notice has begun: its client may no longer cancel or
     * move it (pages show the deadline instead of the buttons).
     */
    async clientChangeClosed(booking: Pick<Booking, 'cancellableUntil'>): Promise<boolean> {
      return (
        booking.cancellableUntil !== null &&
        clock().getTime() >= Date.parse(booking.cancellableUntil)
      );
    },

    /** Cancels a Pending or Confirmed booking before it starts; its slot is free at once. */
    async cancel(id: unknown, input: unknown, access: BookingAccess): Promise<Booking> {
      const bookingId = requireObjectId(id, 'booking');
      const { reason } = parseOrThrow(CancelBookingSchema, input ?? {});
      const current = await requireBooking(bookingId);
      const by = requireAccess(current, access);
      return runPastItsRequest(() => cancelAs(current, by, reason || undefined));
    },

    /** Moves a booking to another free slot of its expert: same id, same links, Pending again. */
    async reschedule(id: unknown, input: unknown, access: BookingAccess): Promise<Booking> {
      const bookingId = requireObjectId(id, 'booking');
      const target = parseOrThrow(RescheduleBookingSchema, input);
      const current = await requireBooking(bookingId);
      const by = requireAccess(current, access);
      return runPastItsRequest(() => moveAs(current, target, by));
    },

    /**
     * One step forward (Completed only once the session has started), or a cancellation: an
     * admin's, or the booking's expert's.
     */
    async changeStatus(id: unknown, input: unknown, access: BookingAccess): Promise<Booking> {
      const bookingId = requireObjectId(id, 'booking');
      const { status, reason } = parseOrThrow(StatusChangeSchema, input);
      const current = await requireBooking(bookingId);
      const by = requireAccess(current, access);
      if (by === 'client') throw new ForbiddenError('Only an admin or the expert can do that.');
      return runPastItsRequest(() =>
        status === 'Cancelled'
          ? cancelAs(current, by, reason || undefined)
          : advanceAs(current, status, by),
      );
    },
  };
}
