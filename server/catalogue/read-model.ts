import { isDeepStrictEqual } from 'node:util';

import { LRUCache } from 'lru-cache';

import {
  askedTimeOfDay,
  DEFAULT_LIST_ZONE,
  type ExpertListQuery,
  type ExpertSort,
  type ExpertSummary,
} from '../../shared/schemas/expert';
import type { Availability } from '../../shared/schemas/availability';
import { ACTIVE, BookingModel, ExpertModel, type ExpertDocument } from '../../models';
import {
  NOTHING_BOOKED,
  occupancyOf,
  type HoldingBooking,
  type Occupancy,
  type OfferedSlot,
} from '../services/availability';
import { HOLDING_FIELDS } from '../services/bookings/occupancy-store';
import { profileOf, type ExpertProfile } from '../services/expert-profile';
import { comingMonths, rulesOf } from '../services/slot-schedule';
import type { SlotChange } from './changes';
import { createFreeSlotCache, stretchKey, viewerStretch, type Stretch } from './free-slots';

/** A list query as the services parse it; callers inside the server may leave out the filters. */
export type ExpertListRequest = Pick<ExpertListQuery, 'page' | 'limit'> &
  Partial<Omit<ExpertListQuery, 'page' | 'limit'>>;

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
  bio: string;
  /** The months whose active bookings were read with it: what `taken` can answer for. */
  months: ReadonlySet<string>;
}

/**
 * What the expert's page needs of one expert, from memory. `revision` changes with every change
 * heard about the expert (a booking, a release, a reload, a rebuild): whatever was worked out
 * from an older revision is out of date.
 */
export interface ExpertSnapshot {
  profile: ExpertProfile;
  bio: string;
  rules: Availability;
  occupancy: Occupancy;
  months: ReadonlySet<string>;
  revision: number;
  /**
   * The last rebuild, which keeps the revision of an expert it read unchanged: what is kept by
   * revision but read from elsewhere (the expert's reviews) is read again after each one.
   */
  rebuild: number;
}

interface State {
  experts: Map<string, ListedExpert>;
  /** Every expert in list order: rating high to low (none last), then name, then id. */
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

  /** Whether both hold the same bookings, each with the same day, held time and seat. */
  sameAs(other: ExpertBookings | undefined): boolean {
    return isDeepStrictEqual(this.bookings, other?.bookings ?? new Map());
  }
}

const NO_BOOKINGS = new ExpertBookings();

type CatalogueExpertFields = Pick<
  ExpertDocument,
  | '_id'
  | 'name'
  | 'category'
  | 'experience'
  | 'reviewSum'
  | 'reviewCount'
  | 'bio'
  | 'timezone'
  | 'availability'
>;

const EXPERT_FIELDS = {
  name: 1,
  category: 1,
  experience: 1,
  reviewSum: 1,
  reviewCount: 1,
  bio: 1,
  timezone: 1,
  availability: 1,
} as const;

/** Binary order, as MongoDB sorts strings and ObjectIds. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function listOrder(a: ListedExpert, b: ListedExpert): number {
  return (
    // An expert without reviews has no rating and comes after every rated one.
    (b.profile.rating ?? -1) - (a.profile.rating ?? -1) ||
    compareText(a.profile.name, b.profile.name) ||
    compareText(a.profile.id, b.profile.id)
  );
}

function byExperience(a: ListedExpert, b: ListedExpert): number {
  return b.profile.experience - a.profile.experience || listOrder(a, b);
}

/**
 * Every expert's first free slot in one stretch of time (or at all), worked out for the whole
 * catalogue at once: valid while nothing at all changes (`version`) and until the first of the
 * experts' answers could change, so a filtered list costs one look-up per expert.
 */
interface FreeSlotsOfAll {
  version: number;
  validUntil: number;
  slots: Map<string, OfferedSlot | null>;
  /** The experts in order of their first free slot there, none last; worked out when asked. */
  soonestFirst?: ListedExpert[];
}

/** Stretches of time whose free slots are kept for the whole catalogue. */
const MAX_STRETCHES = 256;

function toListed(expert: CatalogueExpertFields, months: ReadonlySet<string>): ListedExpert {
  return {
    profile: profileOf(expert),
    searchName: expert.name.toLowerCase(),
    rules: rulesOf(expert),
    bio: expert.bio,
    months,
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
  // The same fields whether read or heard, so a rebuild can tell an unchanged expert.
  const { date, heldFrom, heldUntil, daySeat } = booking;
  own.set(bookingId, { date, heldFrom, heldUntil, daySeat: daySeat ?? undefined });
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
  // Revisions only grow: an expert's is its own once something changed it since the last
  // rebuild, else the rebuild's, so no two states of an expert ever share one.
  let lastRevision = 0;
  let rebuildRevision = 0;
  let revisions = new Map<string, number>();

  function changed(expertId: string): void {
    revisions.set(expertId, ++lastRevision);
  }

  const revisionOf = (expertId: string) => revisions.get(expertId) ?? rebuildRevision;

  /**
   * After a rebuild, an expert whose profile, rules and bookings read the same as before keeps
   * its revision, and with it what was worked out from them (its pages' windows, its first free
   * slots): else every periodic rebuild would have each expert's next page compute all again.
   */
  function keepUnchangedRevisions(before: State, after: State): void {
    const kept = new Map<string, number>();
    for (const [id, expert] of after.experts) {
      const was = before.experts.get(id);
      const bookings = after.taken.get(id) ?? NO_BOOKINGS;
      if (was && isDeepStrictEqual(was, expert) && bookings.sameAs(before.taken.get(id))) {
        kept.set(id, revisionOf(id));
      }
    }
    rebuildRevision = ++lastRevision;
    revisions = kept;
  }
  const freeSlots = createFreeSlotCache();
  const freeSlotsOfAll = new LRUCache<string, FreeSlotsOfAll>({ max: MAX_STRETCHES });
  const byExperienceOf = new WeakMap<State, ListedExpert[]>();

  function firstFree(expert: ListedExpert, stretch: Stretch | undefined, now: Date) {
    const id = expert.profile.id;
    return freeSlots.firstFree(
      {
        id,
        revision: revisionOf(id),
        rules: expert.rules,
        occupancy: () => state.taken.get(id)?.occupied() ?? NOTHING_BOOKED,
      },
      stretch,
      now,
    );
  }

  function freeSlotsIn(stretch: Stretch | undefined, now: Date): FreeSlotsOfAll {
    const key = stretchKey(stretch);
    const cached = freeSlotsOfAll.get(key);
    if (cached && cached.version === lastRevision && now.getTime() < cached.validUntil) {
      return cached;
    }
    const slots = new Map<string, OfferedSlot | null>();
    let validUntil = Infinity;
    for (const expert of state.ordered) {
      const found = firstFree(expert, stretch, now);
      slots.set(expert.profile.id, found.slot);
      validUntil = Math.min(validUntil, found.validUntil);
    }
    const all = { version: lastRevision, validUntil, slots };
    freeSlotsOfAll.set(key, all);
    return all;
  }

  function soonestFirst(all: FreeSlotsOfAll): ListedExpert[] {
    const startOf = (expert: ListedExpert) =>
      all.slots.get(expert.profile.id)?.startsAt.getTime() ?? Infinity;
    return (all.soonestFirst ??= [...state.ordered].sort(
      (a, b) => startOf(a) - startOf(b) || listOrder(a, b),
    ));
  }

  /** Every expert in the order asked for. */
  function inOrder(sort: ExpertSort | undefined, stretch: Stretch | undefined, now: Date) {
    switch (sort) {
      case undefined:
      case 'rating':
        return state.ordered;
      case 'experience': {
        let ordered = byExperienceOf.get(state);
        if (!ordered) {
          ordered = [...state.ordered].sort(byExperience);
          byExperienceOf.set(state, ordered);
        }
        return ordered;
      }
      case 'nextAvailable':
        return soonestFirst(freeSlotsIn(stretch, now));
    }
  }

  // Experts being read again, and how many times: until then what is held of them is known to be
  // out of date (their rules or profile changed), so their page comes from the database.
  const reloading = new Map<string, number>();

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

  /**
   * Runs refreshes one after another; `build` returns the next state from the current one, and
   * the one expert it reloaded (none: everything was read again).
   */
  function refresh(
    build: (current: State) => Promise<{ state: State; reloaded?: string }>,
  ): Promise<void> {
    // Counted from the moment it is asked for: a queued refresh has not read anything yet either.
    refreshing += 1;
    const run = refreshes.then(async () => {
      try {
        const next = await build(state);
        for (const change of heardWhileRefreshing) applySlotChange(next.state, change);
        const before = state;
        state = next.state;
        if (next.reloaded) changed(next.reloaded);
        else keepUnchangedRevisions(before, next.state);
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
    // One month after another: a rebuild reads every active booking of each month (past days
    // included), and with its months read at once it took both cores of the embedded database:
    // bookings made meanwhile stalled for about a second, every 60 s (the per-second answer
    // times in the app's log during `npm run bench:booking-burst`).
    for (const month of months) {
      // Cancelled bookings hold no slot; equality on `activeKey` is still pushed down.
      const bookings = await BookingModel.find(
        expertId ? { expertId, month, activeKey: ACTIVE } : { month, activeKey: ACTIVE },
        { expertId: 1, ...HOLDING_FIELDS },
      ).lean();
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
        const now = clock();
        const months = new Set(experts.flatMap((expert) => comingMonths(rulesOf(expert), now)));
        const listed = experts.map((expert) => toListed(expert, months));
        const taken = await readTaken([...months].sort());
        return {
          state: {
            experts: new Map(listed.map((expert) => [expert.profile.id, expert])),
            ordered: listed.sort(listOrder),
            taken,
          },
        };
      });
    },

    /**
     * Reads one expert again (or drops it, when it is gone) with its coming bookings. From the
     * moment it is asked until it is done, `expert` has nothing for that expert.
     */
    reloadExpert(expertId: string): Promise<void> {
      reloading.set(expertId, (reloading.get(expertId) ?? 0) + 1);
      const done = () => {
        const left = (reloading.get(expertId) ?? 1) - 1;
        if (left > 0) reloading.set(expertId, left);
        else reloading.delete(expertId);
      };
      return refresh(async (current) => {
        const expert = await ExpertModel.findById(expertId, EXPERT_FIELDS).lean();
        const experts = new Map(current.experts);
        const taken = new Map(current.taken);
        experts.delete(expertId);
        taken.delete(expertId);
        if (expert) {
          const months = comingMonths(rulesOf(expert), clock());
          experts.set(expertId, toListed(expert, new Set(months)));
          const own = (await readTaken(months, expert._id)).get(expertId);
          if (own) taken.set(expertId, own);
        }
        return {
          state: { experts, ordered: [...experts.values()].sort(listOrder), taken },
          reloaded: expertId,
        };
      }).finally(done);
    },

    slotChanged(change: SlotChange): void {
      if (refreshing > 0) heardWhileRefreshing.push(change);
      applySlotChange(state, change);
      changed(change.expertId);
    },

    has(expertId: string): boolean {
      return state.experts.has(expertId);
    },

    /** What the expert's page needs of one expert, when it is loaded and not being read again. */
    expert(expertId: string): ExpertSnapshot | undefined {
      if (reloading.has(expertId)) return undefined;
      const listed = state.experts.get(expertId);
      if (!listed) return undefined;
      return {
        profile: listed.profile,
        bio: listed.bio,
        rules: listed.rules,
        occupancy: state.taken.get(expertId)?.occupied() ?? NOTHING_BOOKED,
        months: listed.months,
        revision: revisionOf(expertId),
        rebuild: rebuildRevision,
      };
    },

    /**
     * One page of the list, with each expert's first free coming slot. With `availableOn`, only
     * the experts with a free slot starting on that day (and time of day) in the viewer's zone.
     */
    list(query: ExpertListRequest): ExpertPage {
      const { page, limit, search, category, sort } = query;
      const now = clock();
      const asked = askedTimeOfDay(query);
      const stretch = asked && viewerStretch(query.tz ?? DEFAULT_LIST_ZONE, asked);
      const freeThen = stretch && freeSlotsIn(stretch, now).slots;
      const needle = search?.toLowerCase();
      const ordered = inOrder(sort, stretch, now);
      const matching =
        needle || category || freeThen
          ? ordered.filter(
              (expert) =>
                (!category || expert.profile.category === category) &&
                (!needle || expert.searchName.includes(needle)) &&
                (!freeThen || freeThen.get(expert.profile.id)),
            )
          : ordered;
      const items = matching.slice((page - 1) * limit, page * limit).map((expert) => ({
        ...expert.profile,
        nextAvailableSlot: summaryOf(firstFree(expert, undefined, now).slot),
      }));
      const total = matching.length;
      return { items, pagination: { page, limit, total, totalPages: Math.ceil(total / limit) } };
    },
  };
}

function summaryOf(slot: OfferedSlot | null): ExpertSummary['nextAvailableSlot'] {
  return (
    slot && { date: slot.date, timeSlot: slot.timeSlot, startsAt: slot.startsAt.toISOString() }
  );
}

export type CatalogueReadModel = ReturnType<typeof createCatalogueReadModel>;
