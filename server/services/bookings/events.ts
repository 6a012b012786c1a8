import type { BookingStatus } from '../../../shared/schemas/booking';
import type { ChangedBy } from '../../../shared/schemas/booking-record';
import type { Logger } from '../../logger';
import type { BookingChangeNotifier, BookingChangedEvent } from '../booking-change-notifier';
import type { BookingMail } from '../booking-mail';
import { toBooking, type StoredBooking } from '../booking-view';
import type { BookingNotifier, HeldSlotEvent } from '../slot-notifier';

/**
 * One "booking changed" event per committed change, and its subscribers: the expert's room and
 * the catalogue (slots taken and freed), the consoles (who changed what), and mail. The service
 * publishes after the database has the change; a subscriber that fails is logged and never
 * undoes it.
 */
export type BookingChange =
  | { kind: 'booked'; booking: StoredBooking; by: ChangedBy; manageUrl: string }
  | { kind: 'cancelled'; booking: StoredBooking; before: StoredBooking; by: ChangedBy }
  | { kind: 'rescheduled'; booking: StoredBooking; before: StoredBooking; by: ChangedBy }
  | { kind: 'status'; booking: StoredBooking; by: ChangedBy };

export interface BookingChangeSubscriber {
  /** Named in the log when it fails. */
  name: string;
  hear(change: BookingChange): void | Promise<void>;
}

/**
 * Hands each change to every subscriber at once: none depends on another, and the writes some
 * make (the mail's outbox, the expert's agenda) then take one database round trip, not several.
 */
export function publisher(subscribers: readonly BookingChangeSubscriber[], logger: Logger) {
  return async (change: BookingChange): Promise<void> => {
    await Promise.all(
      subscribers.map(async (subscriber) => {
        try {
          await subscriber.hear(change);
        } catch (error) {
          logger.error(
            { err: error, bookingId: change.booking._id.toString(), change: change.kind },
            `${subscriber.name} could not hear of a booking change`,
          );
        }
      }),
    );
  };
}

/** The slot a booking takes or frees, with the time it holds. */
export function slotOf(
  booking: Pick<
    StoredBooking,
    '_id' | 'expertId' | 'date' | 'timeSlot' | 'heldFrom' | 'heldUntil' | 'daySeat'
  >,
): HeldSlotEvent {
  return {
    expertId: booking.expertId.toString(),
    date: booking.date,
    timeSlot: booking.timeSlot,
    bookingId: booking._id.toString(),
    heldFrom: booking.heldFrom.toISOString(),
    heldUntil: booking.heldUntil.toISOString(),
    ...(booking.daySeat ? { daySeat: booking.daySeat } : {}),
  };
}

/** The expert's room and the catalogue: which slots were taken and freed. */
export function slotSubscriber(notifier: BookingNotifier): BookingChangeSubscriber {
  return {
    name: 'slot notifier',
    hear(change) {
      if (change.kind === 'booked') notifier.slotBooked(slotOf(change.booking));
      if (change.kind === 'cancelled') notifier.slotReleased(slotOf(change.before));
      if (change.kind === 'rescheduled') {
        notifier.slotReleased(slotOf(change.before));
        notifier.slotBooked(slotOf(change.booking));
      }
    },
  };
}

const CONSOLE_CHANGE: Record<BookingChange['kind'], BookingChangedEvent['change']> = {
  booked: 'booked',
  cancelled: 'cancelled',
  rescheduled: 'rescheduled',
  status: 'status',
};

/** The consoles: the booking as it now is, who changed it, and the client's name. */
export function consoleSubscriber(changes: BookingChangeNotifier): BookingChangeSubscriber {
  return {
    name: 'console notifier',
    hear({ kind, booking, by }) {
      changes.bookingChanged({
        change: CONSOLE_CHANGE[kind],
        bookingId: booking._id.toString(),
        expertId: booking.expertId.toString(),
        by,
        name: booking.name,
        date: booking.date,
        timeSlot: booking.timeSlot,
        status: booking.status as BookingStatus,
      });
    },
  };
}

/**
 * The client's mail: each message carries a link of its own, made by `freshLink` (only hashes
 * of tokens are stored, so no earlier link can be sent again), except the first, whose link the
 * booking's answer made.
 */
export function mailSubscriber(
  mail: BookingMail,
  freshLink: (booking: StoredBooking) => Promise<string>,
): BookingChangeSubscriber {
  return {
    name: 'mail outbox',
    async hear(change) {
      const booking = toBooking(change.booking);
      switch (change.kind) {
        case 'booked':
          return mail.bookingMade({ booking, manageUrl: change.manageUrl });
        case 'cancelled':
          return mail.bookingCancelled({ booking, manageUrl: await freshLink(change.booking) });
        case 'rescheduled': {
          const { date, timeSlot, startsAt } = change.before;
          return mail.bookingRescheduled({
            booking,
            previous: { date, timeSlot, startsAt: startsAt.toISOString() },
            manageUrl: await freshLink(change.booking),
          });
        }
        case 'status':
          if (change.booking.status !== 'Completed') return undefined;
          return mail.reviewInvite({ booking, manageUrl: await freshLink(change.booking) });
      }
    },
  };
}

/**
 * The expert's morning agenda: every booking (or move) onto a day makes sure that day has one.
 * After the commit, like mail: a crash in between leaves the day without its agenda.
 */
export function agendaSubscriber(
  schedule: (booking: StoredBooking) => Promise<void>,
): BookingChangeSubscriber {
  return {
    name: 'agenda',
    async hear(change) {
      if (change.kind === 'booked' || change.kind === 'rescheduled') await schedule(change.booking);
    },
  };
}
