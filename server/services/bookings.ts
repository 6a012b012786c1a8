import { randomUUID } from 'node:crypto';

import { z } from 'zod';

import {
  BookingsByEmailQuerySchema,
  CreateBookingSchema,
  IdempotencyKeySchema,
  StatusChangeSchema,
  type Booking,
  type BookingStatus,
} from '../../app/schemas/booking';
import { BookingModel, isDuplicateKeyError, type BookingDocument } from '../../models';
import {
  IdempotencyKeyReusedError,
  InvalidTransitionError,
  NotFoundError,
  SlotTakenError,
} from '../errors';
import type { Logger } from '../logger';
import { parseOrThrow } from '../validation';
import { requireObjectId, type ExpertsService } from './experts';
import type { SlotNotifier } from './slot-notifier';

export type BookingsService = ReturnType<typeof createBookingsService>;

const IdempotencyOptionsSchema = z.object({ idempotencyKey: z.optional(IdempotencyKeySchema) });

/** The only moves a booking can make: forward, one step at a time. */
const NEXT_STATUS: Record<BookingStatus, BookingStatus | undefined> = {
  Pending: 'Confirmed',
  Confirmed: 'Completed',
  Completed: undefined,
};

type StoredBooking = Omit<BookingDocument, 'status'> & { status: string };

function toBooking(doc: StoredBooking): Booking {
  return {
    id: doc._id.toString(),
    expertId: doc.expertId.toString(),
    expertName: doc.expertName,
    timezone: doc.timezone,
    name: doc.name,
    email: doc.email,
    phone: doc.phone,
    date: doc.date,
    timeSlot: doc.timeSlot,
    startsAt: doc.startsAt.toISOString(),
    notes: doc.notes ?? '',
    status: doc.status as BookingStatus,
    createdAt: doc.createdAt.toISOString(),
  };
}

export function createBookingsService({
  experts,
  notifier,
  logger,
}: {
  experts: ExpertsService;
  notifier: SlotNotifier;
  logger: Logger;
}) {
  async function requireBooking(id: unknown): Promise<StoredBooking> {
    const booking = await BookingModel.findById(requireObjectId(id, 'booking')).lean();
    if (!booking) throw new NotFoundError('booking');
    return booking;
  }

  return {
    /**
     * Books a slot. With an idempotency key, repeating the same attempt returns the booking it
     * already made (and announces nothing new) instead of a second booking or SLOT_TAKEN. The
     * same key for another slot is refused: silently answering with the earlier booking would
     * confirm a slot the person did not ask for. Keys belong to the email that used them, so a
     * key someone else sent can neither block nor reveal another person's booking.
     */
    async create(input: unknown, options: { idempotencyKey?: unknown } = {}): Promise<Booking> {
      const { expertId, date, timeSlot, ...contact } = parseOrThrow(CreateBookingSchema, input);
      const { idempotencyKey: givenKey } = parseOrThrow(IdempotencyOptionsSchema, options);
      const slot = { expertId, date, timeSlot };

      /** The booking this attempt already made, if any; refused when it was for another slot. */
      async function earlierAttempt(): Promise<Booking | undefined> {
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
        return toBooking(earlier);
      }

      const replay = await earlierAttempt();
      if (replay) return replay;
      const { expert, startsAt } = await experts.requireBookableSlot(expertId, date, timeSlot);

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
      try {
        notifier.slotBooked({ expertId: expert._id.toString(), date, timeSlot });
      } catch (error) {
        logger.error({ err: error, bookingId: created._id.toString() }, 'slot notification failed');
      }
      return toBooking(created);
    },

    async get(id: unknown): Promise<Booking> {
      return toBooking(await requireBooking(id));
    },

    async listByEmail(query: unknown): Promise<Booking[]> {
      const { email } = parseOrThrow(BookingsByEmailQuerySchema, query);
      // `{ email }` equality is what FerretDB pushes down; it cannot sort, so we do, here.
      const bookings = await BookingModel.find({ email }).lean();
      bookings.sort(
        (a, b) =>
          a.startsAt.getTime() - b.startsAt.getTime() ||
          a._id.toString().localeCompare(b._id.toString()),
      );
      return bookings.map(toBooking);
    },

    async changeStatus(id: unknown, input: unknown): Promise<Booking> {
      const bookingId = requireObjectId(id, 'booking');
      const { status } = parseOrThrow(StatusChangeSchema, input);
      const current = await requireBooking(bookingId);
      const from = current.status as BookingStatus;
      if (NEXT_STATUS[from] !== status) throw new InvalidTransitionError(from, status);

      // Conditional on the status we read, so two concurrent changes cannot both apply.
      const updated = await BookingModel.findOneAndUpdate(
        { _id: bookingId, status: from },
        { $set: { status } },
        { new: true },
      ).lean();
      if (!updated) {
        const now = await requireBooking(bookingId);
        throw new InvalidTransitionError(now.status, status);
      }
      return toBooking(updated);
    },
  };
}
