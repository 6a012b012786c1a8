import { Types } from 'mongoose';

import {
  AvailabilitySchema,
  sessionLengths,
  SlotWindowQuerySchema,
  type Availability,
  type SlotWindowQuery,
} from '../../shared/schemas/availability';
import { ExpertListQuerySchema, type Expert, type Slot } from '../../shared/schemas/expert';
import { ObjectIdSchema } from '../../shared/schemas/fields';
import { plural } from '../../shared/format';
import { ExpertModel, type ExpertDocument } from '../../models';
import type { Catalogue, ExpertPage, ExpertSnapshot } from '../catalogue/catalogue';
import { NotFoundError, SlotUnavailableError } from '../errors';
import { parseOrThrow } from '../validation';
import { requireExpertAccess, type Actor } from './actor';
import type { Clock } from './clock';
import { profileOf } from './expert-profile';
import { requireObjectId } from './object-id';
import {
  checkSlot,
  slotsForWindow,
  spanOf,
  type Occupancy,
  type SlotProblem,
} from './availability';
import { monthsAround, readOccupancy } from './bookings/occupancy-store';
import { bookingsOutsideRules, type BookedSlot } from './rules-outliers';
import type { SlotNotifier } from './slot-notifier';
import {
  DEFAULT_WINDOW_DAYS,
  rulesOf,
  slotWindow,
  windowDays,
  type SlotWindow,
} from './slot-schedule';
import { createWindowCache, windowValidUntil, type WindowCache } from './window-cache';

export type { ExpertPage };

/** Where a booking of a slot would sit, and what it would hold under the rules in force. */
export interface Placement {
  date: string;
  timeSlot: string;
  startsAt: Date;
  endsAt: Date;
  /** The session with the buffers, on block edges (bookings/intervals.ts). */
  heldFrom: Date;
  heldUntil: Date;
  /** The expert's daily limit, when there is one. */
  maxSessionsPerDay?: number;
  /** The expert's cancellation notice in minutes (0: none), for bookings made now. */
  cancellationNoticeMinutes: number;
}

export interface BookableSlot {
  expert: Pick<ExpertDocument, '_id' | 'name' | 'timezone'>;
  placement: Placement;
}

/** Whether two answers for a slot would make the very same booking. */
export function sameBookableSlot(a: BookableSlot, b: BookableSlot): boolean {
  const instant = (date: Date | undefined) => date?.getTime();
  return (
    a.expert._id.equals(b.expert._id) &&
    a.expert.name === b.expert.name &&
    a.expert.timezone === b.expert.timezone &&
    a.placement.date === b.placement.date &&
    a.placement.timeSlot === b.placement.timeSlot &&
    instant(a.placement.startsAt) === instant(b.placement.startsAt) &&
    instant(a.placement.endsAt) === instant(b.placement.endsAt) &&
    instant(a.placement.heldFrom) === instant(b.placement.heldFrom) &&
    instant(a.placement.heldUntil) === instant(b.placement.heldUntil) &&
    a.placement.maxSessionsPerDay === b.placement.maxSessionsPerDay &&
    a.placement.cancellationNoticeMinutes === b.placement.cancellationNoticeMinutes
  );
}

/** The booking a slot makes under an expert's rules at `now`, or why it cannot be booked. */
function bookableSlot(
  expert: BookableSlot['expert'],
  rules: Availability,
  { date, timeSlot, sessionMinutes }: { date: string; timeSlot: string; sessionMinutes?: number },
  now: Date,
): BookableSlot {
  const check = checkSlot(rules, date, timeSlot, now, sessionMinutes);
  if ('problem' in check) {
    const slot = { name: expert.name, date, timeSlot };
    throw new SlotUnavailableError(problemMessage(check.problem, rules, slot));
  }
  const span = spanOf(rules, check);
  return {
    expert,
    placement: {
      date,
      timeSlot,
      startsAt: check.startsAt,
      endsAt: check.endsAt,
      heldFrom: new Date(span.from),
      heldUntil: new Date(span.until),
      ...(rules.maxSessionsPerDay ? { maxSessionsPerDay: rules.maxSessionsPerDay } : {}),
      cancellationNoticeMinutes: rules.cancellationNoticeMinutes,
    },
  };
}

export type ExpertsService = ReturnType<typeof createExpertsService>;

/** The local days the availability editor previews. */
export const PREVIEW_DAYS = 7;

/** What the availability editor shows of one expert. */
export interface AvailabilityEditorView {
  expert: { id: string; name: string; timezone: string };
  availability: Availability;
  /** The coming days' slots under these rules, in the expert's zone, booked ones marked. */
  preview: Slot[];
  /** Coming bookings these rules no longer offer: they stay booked until someone cancels them. */
  outsideRules: BookedSlot[];
}

/**
 * The slots of one window, each free or not with its reason, against the time the expert's
 * active bookings hold (bookings/occupancy-store.ts). A booking the rules no longer offer is not
 * listed, yet its time stays held: nothing that meets it can be booked.
 */
async function windowSlots(
  expert: Pick<ExpertDocument, '_id'>,
  rules: Availability,
  window: SlotWindow & { sessionMinutes?: number },
  now: Date,
): Promise<Slot[]> {
  const { first, last } = windowDays(window);
  return slotsFrom(rules, window, now, await readOccupancy(expert._id, first, last));
}

function slotsFrom(
  rules: Availability,
  window: SlotWindow & { sessionMinutes?: number },
  now: Date,
  occupancy: Occupancy,
): Slot[] {
  return slotsForWindow(rules, window, now, occupancy).map((slot) => ({
    date: slot.date,
    timeSlot: slot.timeSlot,
    startsAt: slot.startsAt.toISOString(),
    available: slot.available,
    ...(slot.reason ? { reason: slot.reason } : {}),
  }));
}

/** The expert's page's window of these rules, as the query asks for it. */
function pageWindow(rules: Availability, asked: SlotWindowQuery, now: Date): Expert['window'] {
  // A length the expert does not offer (any more) lists no slots; `sessionLengths` says
  // which lengths there are.
  return {
    ...slotWindow(rules, asked, now),
    sessionMinutes: asked.sessionMinutes ?? rules.sessionMinutes,
    sessionLengths: sessionLengths(rules),
  };
}

/**
 * Whether the bookings the read model holds of an expert answer for every day of the window that
 * can offer anything (its months move on with the days until its next refresh).
 */
function coversWindow(known: ExpertSnapshot, window: Expert['window']): boolean {
  const { first, last } = windowDays(window);
  const until = last < window.lastDay ? last : window.lastDay;
  if (first > until) return true;
  return monthsAround(first, until).every((month) => known.months.has(month));
}

/** `90` → `1 hour 30 minutes`, `1440` → `1 day`: how much notice, as a person says it. */
function noticeText(minutes: number): string {
  const days = Math.floor(minutes / (24 * 60));
  const hours = Math.floor((minutes % (24 * 60)) / 60);
  const rest = minutes % 60;
  const parts = [
    days ? plural(days, 'day') : '',
    hours ? plural(hours, 'hour') : '',
    rest ? plural(rest, 'minute') : '',
  ];
  return parts.filter(Boolean).join(' ');
}

function problemMessage(
  problem: SlotProblem,
  rules: Availability,
  { name, date, timeSlot }: { name: string; date: string; timeSlot: string },
): string {
  switch (problem) {
    case 'not_offered':
      return `${name} does not offer ${timeSlot} on ${date}. Please choose one of the listed slots.`;
    case 'past':
      return `The ${timeSlot} slot on ${date} has already started. Please choose a later slot.`;
    case 'too_soon':
      return `The ${timeSlot} slot on ${date} is too soon: ${name} needs at least ${noticeText(rules.minimumNoticeMinutes)} of notice (minimum notice). Please choose a later slot.`;
    case 'beyond_horizon':
      return `The ${timeSlot} slot on ${date} is beyond the booking horizon: ${name} takes bookings up to ${plural(rules.horizonDays, 'day')} ahead.`;
  }
}

export function createExpertsService({
  clock,
  catalogue,
  notifier,
  windows = createWindowCache(),
}: {
  clock: Clock;
  catalogue: Pick<Catalogue, 'list' | 'has' | 'expert' | 'load'>;
  /** Hears of saved rules, so open expert pages read their slots again. */
  notifier: Pick<SlotNotifier, 'availabilityChanged'>;
  /** Expert pages worked out from the read model, until the expert changes or time moves on. */
  windows?: WindowCache;
}) {
  /**
   * The expert's page from the read model, when it holds the expert and the bookings of the
   * window; the same window again is served from `windows` until the expert changes, a slot's
   * start or notice passes, or the expert's day ends.
   */
  function fromMemory(expertId: string, asked: SlotWindowQuery, now: Date): Expert | undefined {
    const known = catalogue.expert(expertId);
    if (!known) return undefined;
    const { rules } = known;
    const key = {
      expertId,
      from: asked.from,
      days: asked.days ?? DEFAULT_WINDOW_DAYS,
      sessionMinutes: asked.sessionMinutes ?? rules.sessionMinutes,
    };
    const cached = windows.get(key, known.revision, now);
    if (cached) return cached;
    const window = pageWindow(rules, asked, now);
    if (!coversWindow(known, window)) return undefined;
    const expert = {
      ...known.profile,
      bio: known.bio,
      window,
      cancellationNoticeMinutes: rules.cancellationNoticeMinutes,
      slots: slotsFrom(rules, window, now, known.occupancy),
    };
    windows.set(
      key,
      known.revision,
      expert,
      windowValidUntil(expert, rules.minimumNoticeMinutes, now),
    );
    return expert;
  }

  return {
    /** The list comes from the catalogue read model: no database work per request. */
    async list(query: unknown): Promise<ExpertPage> {
      return catalogue.list(parseOrThrow(ExpertListQuerySchema, query));
    },

    /**
     * One expert with the slots of a window of local days: `from` (default today in the
     * expert's zone) for `days` (default 14, at most 62).
     */
    async get(id: unknown, query: unknown = {}): Promise<Expert> {
      const expertId = requireObjectId(id, 'expert');
      const asked = parseOrThrow(SlotWindowQuerySchema, query);
      const now = clock();
      const remembered = fromMemory(expertId, asked, now);
      if (remembered) return remembered;
      // Not in the read model yet (or its months are behind): the database answers this once.
      const expert = await ExpertModel.findById(expertId).lean();
      if (!expert) throw new NotFoundError('expert');
      catalogue.load(expertId);
      const rules = rulesOf(expert);
      const window = pageWindow(rules, asked, now);
      return {
        ...profileOf(expert),
        bio: expert.bio,
        window,
        cancellationNoticeMinutes: rules.cancellationNoticeMinutes,
        slots: await windowSlots(expert, rules, window, now),
      };
    },

    /** The expert's availability rules. */
    async getAvailability(id: unknown): Promise<Availability> {
      const expert = await ExpertModel.findById(requireObjectId(id, 'expert'), {
        timezone: 1,
        availability: 1,
      }).lean();
      if (!expert) throw new NotFoundError('expert');
      return rulesOf(expert);
    },

    /**
     * Replaces the expert's rules (the zone is the expert's `timezone`): an expert their own, an
     * admin (or a program with the admin token) anyone's; anyone else learns only "not found".
     * Bookings are never touched: a booked slot the new rules do not offer stays taken and
     * listed in bookings. The write is announced like any expert write, so the catalogue read
     * model follows, and the expert's open pages are told to read their slots again.
     */
    async updateAvailability(actor: Actor, id: unknown, input: unknown): Promise<Availability> {
      const expertId = requireObjectId(id, 'expert');
      requireExpertAccess(actor, expertId);
      const { timezone, ...availability } = parseOrThrow(AvailabilitySchema, input);
      const result = await ExpertModel.updateOne(
        { _id: expertId },
        { $set: { timezone, availability } },
      );
      if (result.matchedCount === 0) throw new NotFoundError('expert');
      notifier.availabilityChanged({ expertId });
      return { timezone, ...availability };
    },

    /**
     * The next days' slots that rules not yet saved would give, booked ones marked: the editor's
     * preview while someone types. Of one length (default: the rules' default length); a length
     * the rules do not offer gives none. Stores nothing; refused like `updateAvailability`.
     */
    async previewAvailability(
      actor: Actor,
      id: unknown,
      input: unknown,
      options: { sessionMinutes?: number } = {},
    ): Promise<Slot[]> {
      const expertId = requireObjectId(id, 'expert');
      requireExpertAccess(actor, expertId);
      const rules = parseOrThrow(AvailabilitySchema, input);
      const expert = await ExpertModel.findById(expertId, { _id: 1 }).lean();
      if (!expert) throw new NotFoundError('expert');
      const now = clock();
      const window = slotWindow(rules, { days: PREVIEW_DAYS }, now);
      return windowSlots(expert, rules, { ...window, sessionMinutes: options.sessionMinutes }, now);
    },

    /**
     * The editor's view of an expert's rules: the rules, the next days' slots they give, and the
     * coming bookings they no longer offer. Refused like `updateAvailability`.
     */
    async availabilityEditor(actor: Actor, id: unknown): Promise<AvailabilityEditorView> {
      const expertId = requireObjectId(id, 'expert');
      requireExpertAccess(actor, expertId);
      const expert = await ExpertModel.findById(expertId, {
        name: 1,
        timezone: 1,
        availability: 1,
      }).lean();
      if (!expert) throw new NotFoundError('expert');
      const now = clock();
      const rules = rulesOf(expert);
      const [preview, outsideRules] = await Promise.all([
        windowSlots(expert, rules, slotWindow(rules, { days: PREVIEW_DAYS }, now), now),
        bookingsOutsideRules(expert._id, rules, now),
      ]);
      return {
        expert: { id: expertId, name: expert.name, timezone: expert.timezone },
        availability: rules,
        preview,
        outsideRules,
      };
    },

    /** Whether the expert exists: one indexed lookup, without the slots `get` works out. */
    async exists(id: unknown): Promise<boolean> {
      const result = ObjectIdSchema.safeParse(id);
      if (!result.success) return false;
      // Joins run on every page view; an expert added elsewhere a moment ago is read once.
      if (catalogue.has(result.data)) return true;
      return (await ExpertModel.exists({ _id: result.data })) !== null;
    },

    /**
     * Checks that the expert exists and that the rules let someone book this slot now: offered,
     * not started, outside the minimum notice, within the horizon. Whether it is still free is
     * not checked here: the time holds decide that when the booking claims them.
     */
    async requireBookableSlot(
      expertId: string,
      date: string,
      timeSlot: string,
      sessionMinutes?: number,
    ): Promise<BookableSlot> {
      const expert = await ExpertModel.findById(requireObjectId(expertId, 'expert'), {
        name: 1,
        timezone: 1,
        availability: 1,
      }).lean();
      if (!expert) throw new NotFoundError('expert');
      return bookableSlot(expert, rulesOf(expert), { date, timeSlot, sessionMinutes }, clock());
    },

    /**
     * What `requireBookableSlot` will most likely answer, from the read model and without a
     * database read: the bookings service claims the time on it while the database's answer is
     * on its way, and books only once the two agree. Undefined when the read model has no answer
     * (an unknown expert, a slot it would refuse): the database's answer then decides alone.
     */
    guessBookableSlot(
      expertId: string,
      date: string,
      timeSlot: string,
      sessionMinutes?: number,
    ): BookableSlot | undefined {
      const known = catalogue.expert(expertId);
      if (!known) return undefined;
      const expert = {
        _id: new Types.ObjectId(known.profile.id),
        name: known.profile.name,
        timezone: known.profile.timezone,
      };
      try {
        return bookableSlot(expert, known.rules, { date, timeSlot, sessionMinutes }, clock());
      } catch (error) {
        if (error instanceof SlotUnavailableError) return undefined;
        throw error;
      }
    },
  };
}
