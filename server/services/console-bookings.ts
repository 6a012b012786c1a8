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
} from '../../shared/schemas/console-bookings';
import type { Booking } from '../../shared/schemas/booking-record';
import type { SessionUser } from '../../shared/schemas/user';
import { BookingModel, monthOf } from '../../models';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { parseOrThrow } from '../validation';
import type { BookingAccess, BookingsService } from './bookings';
import { toBooking, type StoredBooking } from './booking-view';
import type { Clock } from './clock';
import type { ExpertsService } from './experts';
import { addDays } from '../../shared/time/calendar-days';
import { ZoneClock } from './zone-time';

/** Who works in the console: what the service needs of the signed-in user. */
export type ConsoleActor = Pick<SessionUser, 'role' | 'expertId'>;

export type ConsoleBookingsService = ReturnType<typeof createConsoleBookingsService>;

/** The catalogue answers at most this many experts a page. */
const EXPERTS_PER_READ = 50;

/**
 * Local days of zones from UTC−12 to UTC+14 overlap in time by up to two days: a walk over days
 * that has found enough reads this many more before it may trust its order.
 */
const OVERLAP_DAYS = 2;
/** Days read at once by a walk. */
const DAYS_PER_STEP = 4;

/** Every day from `from` to `to`, both included, in order. */
function daysOf(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

/** `YYYY-MM` of every month from `from`'s to `to`'s, in order. */
function monthsOf(from: string, to: string): string[] {
  return [...new Set(daysOf(from, to).map(monthOf))];
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

/**
 * The first `count` bookings that `keep` accepts on `days` (in walk order), sorted by `order`,
 * reading a few days at a time and stopping OVERLAP_DAYS after it has found enough. Fewer than
 * `count` means every day was read.
 */
async function walkDays(
  days: string[],
  count: number,
  readDay: (day: string) => Promise<StoredBooking[]>,
  keep: (booking: StoredBooking) => boolean,
  order: (a: StoredBooking, b: StoredBooking) => number,
): Promise<StoredBooking[]> {
  const found: StoredBooking[] = [];
  let end = days.length;
  for (let next = 0; next < end;) {
    const step = days.slice(next, Math.min(next + DAYS_PER_STEP, end));
    next += step.length;
    for (const read of await Promise.all(step.map(readDay))) found.push(...read.filter(keep));
    if (found.length >= count && end === days.length) end = Math.min(end, next + OVERLAP_DAYS);
  }
  return found.sort(order);
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
    const today = new ZoneClock(timezone).today(clock());
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
     * sessions first. FerretDB pushes down only top-level equality, and the work must follow
     * what is asked, never the whole history (docs/decisions/012-console-bookings-table.md):
     *
     * - one expert's: one `{ expertId, month }` equality per month of the range (at most four),
     *   filtered, sorted and paged here, with an exact total;
     * - every expert's (admins): one `{ date }` equality per day, walking from today forwards
     *   through the coming sessions, then backwards through the started ones, only as far as the
     *   page needs. The total is known only when the walk read the whole range.
     */
    async list(actor: ConsoleActor, query: unknown): Promise<ConsoleBookingsPage> {
      const asked = parseOrThrow(ConsoleBookingsQuerySchema, query);
      const { expertId } = scopeOf(actor, asked.expert);
      // An admin's unknown expert is a 404 like an expert's foreign one; the zone comes with it.
      const [timezone, names] = await Promise.all([
        expertId ? experts.getAvailability(expertId).then((rules) => rules.timezone) : 'UTC',
        actor.role === 'admin' ? expertNames() : undefined,
      ]);
      const { from, to } = rangeOf(asked, timezone);
      const status = asked.status ? { status: asked.status } : {};
      const now = clock().getTime();
      const start = (asked.page - 1) * CONSOLE_PAGE_SIZE;

      let sorted: StoredBooking[];
      let total: number | null;
      if (expertId) {
        const reads = await Promise.all(
          monthsOf(from, to).map((month) =>
            BookingModel.find({ expertId, month, ...status }).lean(),
          ),
        );
        sorted = reads
          .flat()
          .filter((booking) => booking.date >= from && booking.date <= to)
          .sort(consoleOrder(now));
        total = sorted.length;
      } else {
        const days = new Map<string, Promise<StoredBooking[]>>();
        const readDay = (date: string) => {
          let read = days.get(date);
          if (!read)
            days.set(
              date,
              (read = BookingModel.find({ date, ...status })
                .lean()
                .exec()),
            );
          return read;
        };
        // One more than the page shows: whether there is a next page.
        const wanted = start + CONSOLE_PAGE_SIZE + 1;
        const todayUtc = new Date(now).toISOString().slice(0, 10);
        // A session of local day D may still be coming until D + 1 ends in UTC, and may have
        // started once D − 1 has begun: the two walks share the days around today.
        const comingFrom = addDays(todayUtc, -1) > from ? addDays(todayUtc, -1) : from;
        const pastFrom = addDays(todayUtc, 1) < to ? addDays(todayUtc, 1) : to;
        const order = consoleOrder(now);
        const coming = await walkDays(
          daysOf(comingFrom, to),
          wanted,
          readDay,
          (booking) => booking.startsAt.getTime() >= now,
          order,
        );
        const past =
          coming.length >= wanted
            ? []
            : await walkDays(
                daysOf(from, pastFrom).reverse(),
                wanted - coming.length,
                readDay,
                (booking) => booking.startsAt.getTime() < now,
                order,
              );
        sorted = [...coming, ...past];
        total = sorted.length < wanted ? sorted.length : null;
      }

      const rows: ConsoleBooking[] = sorted
        .slice(start, start + CONSOLE_PAGE_SIZE)
        .map((stored) => {
          const booking = toBooking(stored);
          const started = stored.startsAt.getTime() < now;
          return {
            ...booking,
            started,
            overlapsAnother: Boolean(stored.overlapsBookingId),
            actions: actionsOf(booking, started),
          };
        });
      const hasNext = total === null || total > start + CONSOLE_PAGE_SIZE;
      return {
        bookings: rows,
        filters: { ...status, from, to, ...(asked.expert ? { expert: asked.expert } : {}) },
        timezone,
        pagination: {
          page: asked.page,
          limit: CONSOLE_PAGE_SIZE,
          total,
          // Without a total, as far as is known: this page, and the next when there is one.
          totalPages:
            total === null
              ? asked.page + (hasNext ? 1 : 0)
              : Math.max(1, Math.ceil(total / CONSOLE_PAGE_SIZE)),
        },
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
