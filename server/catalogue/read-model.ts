import type { ExpertListQuery, ExpertSummary } from '../../shared/schemas/expert';
import type { Availability } from '../../shared/schemas/availability';
import { ACTIVE, BookingModel, ExpertModel, type ExpertDocument } from '../../models';
import {
  NOTHING_BOOKED,
  nextFreeSlot,
  occupancyOf,
  type HoldingBooking,
  type Occupancy,
} from '../services/availability';
import { HOLDING_FIELDS } from '../services/bookings/occupancy-store';
import { profileOf, type ExpertProfile } from '../services/expert-profile';
import { comingMonths, rulesOf } from '../services/slot-schedule';
import type { SlotChange } from './changes';

export interface ExpertPage {
  items: ExpertSummary[];
  pagination: { page: number; limit: number; total: number; totalPages: number };
}

interface ListedExpert {
  profile: ExpertProfile;
  /** The name lower-cased once, for the case-insensitive search. */
  searchName: string;
  /** Availability rules: the next free slot is computed from them when the list is read. */
  rules: Availability;
}

interface State {
  experts: Map<string, ListedExpert>;
  /** Every expert in list order: rating high to low, then name, then id. */
  ordered: ListedExpert[];
  /** Active bookings per expert (by booking id), for the months that still have coming slots. */
  taken: Map<string, ExpertBookings>;
}

/** One expert's active bookings, with what they occupy worked out once per change. */
class ExpertBookings {
  private readonly bookings = new Map<string, HoldingBooking>();
  private occupancy: Occupancy | undefined;

  set(bookingId: string, booking: HoldingBooking): void {
    this.bookings.set(bookingId, booking);
    this.occupancy = undefined;
  }

  delete(bookingId: string): void {
    if (this.bookings.delete(bookingId)) this.occupancy = undefined;
  }

  occupied(): Occupancy {
    return (this.occupancy ??= occupancyOf(this.bookings.values()));
  }
}

type CatalogueExpertFields = Pick<
  ExpertDocument,
  '_id' | 'name' | 'category' | 'experience' | 'rating' | 'timezone' | 'availability'
>;

const EXPERT_FIELDS = {
  name: 1,
  category: 1,
  experience: 1,
  rating: 1,
  timezone: 1,
  availability: 1,
} as const;

/** Binary order, as MongoDB sorts strings and ObjectIds. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function listOrder(a: ListedExpert, b: ListedExpert): number {
  return (
    b.profile.rating - a.profile.rating ||
    compareText(a.profile.name, b.profile.name) ||
    compareText(a.profile.id, b.profile.id)
  );
}

function toListed(expert: CatalogueExpertFields): ListedExpert {
  return {
    profile: profileOf(expert),
    searchName: expert.name.toLowerCase(),
    rules: rulesOf(expert),
  };
}

function emptyState(): State {
  return { experts: new Map(), ordered: [], taken: new Map() };
}

function addTaken(
  taken: Map<string, ExpertBookings>,
  expertId: string,
  bookingId: string,
  booking: HoldingBooking,
): void {
  const own = taken.get(expertId) ?? new ExpertBookings();
  own.set(bookingId, booking);
  taken.set(expertId, own);
}

/**
 * The expert list, in memory: profiles in list order, each expert's availability rules, and
 * which coming slots are booked. Built from the database and then kept current by the
 * changes it is told about. It answers the list; it never decides whether a slot can be booked
 * (the unique index does).
 *
 * Refreshes (a rebuild, one expert reloaded) run one at a time. A booking or a cancellation heard
 * while one is reading may be missing from what it read, so slot changes heard meanwhile are
 * replayed, in order, onto what it built.
 */
export function createCatalogueReadModel({ clock }: { clock: () => Date }) {
  let state = emptyState();
  let refreshes: Promise<void> = Promise.resolve();
  let refreshing = 0;
  let heardWhileRefreshing: SlotChange[] = [];

  function applySlotChange(target: State, change: SlotChange): void {
    if (!target.experts.has(change.expertId)) return;
    if (change.type === 'slot_booked') {
      addTaken(target.taken, change.expertId, change.bookingId, {
        date: change.date,
        heldFrom: new Date(change.heldFrom),
        heldUntil: new Date(change.heldUntil),
        daySeat: change.daySeat,
      });
    } else {
      target.taken.get(change.expertId)?.delete(change.bookingId);
    }
  }

  /** Runs refreshes one after another; `build` returns the next state from the current one. */
  function refresh(build: (current: State) => Promise<State>): Promise<void> {
    // Counted from the moment it is asked for: a queued refresh has not read anything yet either.
    refreshing += 1;
    const run = refreshes.then(async () => {
      try {
        const next = await build(state);
        for (const change of heardWhileRefreshing) applySlotChange(next, change);
        state = next;
      } finally {
        refreshing -= 1;
        if (refreshing === 0) heardWhileRefreshing = [];
      }
    });
    // A failed refresh leaves the last good state in place; the next one starts regardless.
    refreshes = run.catch(() => undefined);
    return run;
  }

  /** Booked slots of the given experts in the given months, by `{ expertId?, month }` equality. */
  async function readTaken(
    months: readonly string[],
    expertId?: CatalogueExpertFields['_id'],
  ): Promise<Map<string, ExpertBookings>> {
    const taken = new Map<string, ExpertBookings>();
    const reads = months.map((month) =>
      // Cancelled bookings hold no slot; equality on `activeKey` is still pushed down.
      BookingModel.find(
        expertId ? { expertId, month, activeKey: ACTIVE } : { month, activeKey: ACTIVE },
        { expertId: 1, ...HOLDING_FIELDS },
      ).lean(),
    );
    for (const bookings of await Promise.all(reads)) {
      for (const booking of bookings) {
        addTaken(taken, booking.expertId.toString(), booking._id.toString(), booking);
      }
    }
    return taken;
  }

  return {
    /** Reads every expert and the bookings of every month that still has coming slots. */
    rebuild(): Promise<void> {
      return refresh(async () => {
        const experts = await ExpertModel.find({}, EXPERT_FIELDS).lean();
        const listed = experts.map(toListed);
        const now = clock();
        const months = new Set(listed.flatMap((expert) => comingMonths(expert.rules, now)));
        const taken = await readTaken([...months].sort());
        return {
          experts: new Map(listed.map((expert) => [expert.profile.id, expert])),
          ordered: listed.sort(listOrder),
          taken,
        };
      });
    },

    /** Reads one expert again (or drops it, when it is gone) with its coming bookings. */
    reloadExpert(expertId: string): Promise<void> {
      return refresh(async (current) => {
        const expert = await ExpertModel.findById(expertId, EXPERT_FIELDS).lean();
        const experts = new Map(current.experts);
        const taken = new Map(current.taken);
        experts.delete(expertId);
        taken.delete(expertId);
        if (expert) {
          const listed = toListed(expert);
          experts.set(expertId, listed);
          const months = comingMonths(listed.rules, clock());
          const own = (await readTaken(months, expert._id)).get(expertId);
          if (own) taken.set(expertId, own);
        }
        return { experts, ordered: [...experts.values()].sort(listOrder), taken };
      });
    },

    slotChanged(change: SlotChange): void {
      if (refreshing > 0) heardWhileRefreshing.push(change);
      applySlotChange(state, change);
    },

    has(expertId: string): boolean {
      return state.experts.has(expertId);
    },

    /** One page of the list, with each expert's first free coming slot. */
    list({ page, limit, search, category }: ExpertListQuery): ExpertPage {
      const needle = search?.toLowerCase();
      const matching =
        needle || category
          ? state.ordered.filter(
              (expert) =>
                (!category || expert.profile.category === category) &&
                (!needle || expert.searchName.includes(needle)),
            )
          : state.ordered;
      const now = clock();
      const items = matching.slice((page - 1) * limit, page * limit).map((expert) => ({
        ...expert.profile,
        nextAvailableSlot: nextFree(expert, state.taken.get(expert.profile.id), now),
      }));
      const total = matching.length;
      return { items, pagination: { page, limit, total, totalPages: Math.ceil(total / limit) } };
    },
  };
}

/** The first slot someone could book now; the computation stops there. */
function nextFree(
  expert: ListedExpert,
  taken: ExpertBookings | undefined,
  now: Date,
): ExpertSummary['nextAvailableSlot'] {
  const slot = nextFreeSlot(expert.rules, now, taken?.occupied() ?? NOTHING_BOOKED);
  return (
    slot && { date: slot.date, timeSlot: slot.timeSlot, startsAt: slot.startsAt.toISOString() }
  );
}

export type CatalogueReadModel = ReturnType<typeof createCatalogueReadModel>;
