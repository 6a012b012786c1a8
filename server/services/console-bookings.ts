import { DateTime } from 'luxon';

import {
  ConsoleActionSchema,
  ConsoleBookingsQuerySchema,
  CONSOLE_PAGE_SIZE,
  DEFAULT_DAYS_AHEAD,
  DEFAULT_DAYS_BACK,
  MAX_RANGE_DAYS,
  type ConsoleBooking,
  type ConsoleBookingsPage,
  type ConsoleIntent,
} from '../../app/schemas/console-bookings';
import type { Booking } from '../../app/schemas/booking-record';
import type { SessionUser } from '../../app/schemas/user';
import { BookingModel } from '../../models';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { parseOrThrow } from '../validation';
import type { BookingAccess, BookingsService } from './bookings';
import { toBooking, type StoredBooking } from './booking-view';
import type { Clock, ExpertsService } from './experts';

/** Who works in the console: what the service needs of the signed-in user. */
export type ConsoleActor = Pick<SessionUser, 'role' | 'expertId'>;

export type ConsoleBookingsService = ReturnType<typeof createConsoleBookingsService>;

/** The catalogue answers at most this many experts a page. */
const EXPERTS_PER_READ = 50;

function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;
}

/** `YYYY-MM` of every month from `from`'s to `to`'s, in order. */
function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  let month = DateTime.fromISO(from.slice(0, 7), { zone: 'UTC' });
  const last = to.slice(0, 7);
  while (month.toFormat('yyyy-MM') <= last) {
    months.push(month.toFormat('yyyy-MM'));
    month = month.plus({ months: 1 });
  }
  return months;
}

/**
 * Coming sessions first, soonest first: what the expert has to prepare or confirm. Then the
 * started ones, most recent first: the sessions to complete sit right below the coming ones.
 */
function consoleOrder(now: number) {
  return (a: StoredBooking, b: StoredBooking): number => {
    const [startA, startB] = [a.startsAt.getTime(), b.startsAt.getTime()];
    const [comingA, comingB] = [startA >= now, startB >= now];
    if (comingA !== comingB) return comingA ? -1 : 1;
    const byTime = comingA ? startA - startB : startB - startA;
    return byTime || a._id.toString().localeCompare(b._id.toString());
  };
}

/** What may be done with a booking now; the bookings service checks again on submit. */
function actionsOf(booking: Booking, started: boolean): ConsoleIntent[] {
  const actions: ConsoleIntent[] = [];
  if (booking.status === 'Pending') actions.push('confirm');
  if (booking.status === 'Confirmed' && started) actions.push('complete');
  if ((booking.status === 'Pending' || booking.status === 'Confirmed') && !started) {
    actions.push('cancel');
  }
  return actions;
}

/**
 * The console's bookings: the table an expert (their own bookings) or an admin (everyone's, or
 * one expert's) works from, and the changes they make from it. Every call takes the actor and
 * scopes itself: an expert asking for another expert's booking or bookings is told there is no
 * such thing, exactly as if it did not exist.
 */
export function createConsoleBookingsService({
  bookings,
  experts,
  clock,
}: {
  bookings: BookingsService;
  experts: ExpertsService;
  clock: Clock;
}) {
  /** Which expert's bookings the actor sees (none: every expert's), and how they may change them. */
  function scopeOf(
    actor: ConsoleActor,
    askedExpert?: string,
  ): { expertId?: string; access: BookingAccess } {
    if (actor.role === 'admin') return { expertId: askedExpert, access: { by: 'admin' } };
    if (actor.role !== 'expert' || !actor.expertId) {
      throw new ForbiddenError('This account is not linked to an expert.');
    }
    if (askedExpert !== undefined && askedExpert !== actor.expertId) {
      throw new NotFoundError('expert');
    }
    return { expertId: actor.expertId, access: { by: 'expert', expertId: actor.expertId } };
  }

  /** Every expert by name, for an admin's filter; the catalogue is in memory. */
  async function expertNames(): Promise<{ id: string; name: string }[]> {
    const names: { id: string; name: string }[] = [];
    for (let page = 1; ; page++) {
      const { items, pagination } = await experts.list({
        page: String(page),
        limit: String(EXPERTS_PER_READ),
      });
      names.push(...items.map(({ id, name }) => ({ id, name })));
      if (page >= pagination.totalPages) break;
    }
    return names.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  /** The range asked for, or the one around today (in `timezone`) that a bare URL means. */
  function rangeOf(asked: { from?: string; to?: string }, timezone: string) {
    const today = DateTime.fromJSDate(clock(), { zone: timezone }).toISODate()!;
    const from =
      asked.from ??
      (asked.to ? addDays(asked.to, -DEFAULT_DAYS_AHEAD) : addDays(today, -DEFAULT_DAYS_BACK));
    const to = asked.to ?? addDays(asked.from ?? today, DEFAULT_DAYS_AHEAD);
    if (from > to) throw new ValidationError({ to: 'The range must end on or after its start.' });
    if (addDays(from, MAX_RANGE_DAYS - 1) < to) {
      throw new ValidationError({ to: `A range can span at most ${MAX_RANGE_DAYS} days.` });
    }
    return { from, to };
  }

  return {
    /**
     * One page of the actor's bookings within a range of local dates (the bookings' own `date`,
     * in their expert's zone, so a range means the same days whatever the clocks do), coming
     * sessions first. FerretDB pushes down only top-level equality, so the range is read as one
     * `{ expertId, month }` (or, for every expert, `{ month }`) equality per month it touches,
     * at most four, and filtered, sorted and paged here: the work follows the range, never the
     * whole history.
     */
    async list(actor: ConsoleActor, query: unknown): Promise<ConsoleBookingsPage> {
      const asked = parseOrThrow(ConsoleBookingsQuerySchema, query);
      const { expertId } = scopeOf(actor, asked.expert);
      // An admin's unknown expert is a 404 like an expert's foreign one; the zone comes with it.
      const timezone = expertId ? (await experts.getAvailability(expertId)).timezone : 'UTC';
      const { from, to } = rangeOf(asked, timezone);
      const [reads, names] = await Promise.all([
        Promise.all(
          monthsOf(from, to).map((month) =>
            BookingModel.find({
              ...(expertId ? { expertId } : {}),
              month,
              ...(asked.status ? { status: asked.status } : {}),
            }).lean(),
          ),
        ),
        actor.role === 'admin' ? expertNames() : undefined,
      ]);
      const now = clock().getTime();
      const inRange = reads
        .flat()
        .filter((booking) => booking.date >= from && booking.date <= to)
        .sort(consoleOrder(now));
      const total = inRange.length;
      const totalPages = Math.max(1, Math.ceil(total / CONSOLE_PAGE_SIZE));
      const start = (asked.page - 1) * CONSOLE_PAGE_SIZE;
      const rows: ConsoleBooking[] = inRange
        .slice(start, start + CONSOLE_PAGE_SIZE)
        .map((stored) => {
          const booking = toBooking(stored);
          const started = stored.startsAt.getTime() < now;
          return { ...booking, started, actions: actionsOf(booking, started) };
        });
      return {
        bookings: rows,
        filters: {
          ...(asked.status ? { status: asked.status } : {}),
          from,
          to,
          ...(asked.expert ? { expert: asked.expert } : {}),
        },
        timezone,
        pagination: { page: asked.page, limit: CONSOLE_PAGE_SIZE, total, totalPages },
        ...(names ? { experts: names } : {}),
      };
    },

    /**
     * Confirm, complete or cancel (with a reason) one booking, by the bookings service's rules,
     * the same the JSON API follows. An expert reaches only their own expert's bookings.
     */
    async act(actor: ConsoleActor, input: unknown): Promise<Booking> {
      const action = parseOrThrow(ConsoleActionSchema, input);
      const { access } = scopeOf(actor);
      switch (action.intent) {
        case 'confirm':
          return bookings.changeStatus(action.bookingId, { status: 'Confirmed' }, access);
        case 'complete':
          return bookings.changeStatus(action.bookingId, { status: 'Completed' }, access);
        case 'cancel':
          return bookings.cancel(action.bookingId, { reason: action.reason }, access);
      }
    },
  };
}
