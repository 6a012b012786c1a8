import type { Types } from 'mongoose';

import {
  ExpertListQuerySchema,
  type Expert,
  type ExpertCategory,
  type ExpertSummary,
  type Pagination,
  type Slot,
} from '../../app/schemas/expert';
import { ObjectIdSchema } from '../../app/schemas/fields';
import { BookingModel, ExpertModel, type ExpertDocument } from '../../models';
import { InvalidIdError, NotFoundError, SlotUnavailableError } from '../errors';
import { parseOrThrow } from '../validation';
import { earliestToday, slotStart, todayIn } from './slot-time';

export type Clock = () => Date;

export interface ExpertPage {
  items: ExpertSummary[];
  pagination: Pagination;
}

export interface BookableSlot {
  expert: Pick<ExpertDocument, '_id' | 'name' | 'timezone'>;
  startsAt: Date;
}

export type ExpertsService = ReturnType<typeof createExpertsService>;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Takes an id from the outside world, or throws INVALID_ID before it reaches a query. */
export function requireObjectId(id: unknown, what: string): string {
  const result = ObjectIdSchema.safeParse(id);
  if (!result.success) throw new InvalidIdError(what);
  return result.data;
}

/** What the list and the profile page both show of an expert. */
function profileOf(expert: ExpertDocument): Omit<ExpertSummary, 'nextAvailableSlot'> {
  return {
    id: expert._id.toString(),
    name: expert.name,
    // Only the seed and admins write experts, always from EXPERT_CATEGORIES.
    category: expert.category as ExpertCategory,
    experience: expert.experience,
    rating: expert.rating,
    timezone: expert.timezone,
  };
}

type SlotSource = Pick<ExpertDocument, 'timezone' | 'availability'>;

/** The coming slots of one expert, oldest first, each marked free or taken. */
function upcomingSlots(expert: SlotSource, now: Date, taken = new Set<string>()): Slot[] {
  const today = todayIn(expert.timezone, now);
  const slots: Slot[] = [];
  for (const day of [...expert.availability].sort((a, b) => a.date.localeCompare(b.date))) {
    if (day.date < today) continue;
    for (const timeSlot of [...day.timeSlots].sort()) {
      const startsAt = slotStart(day.date, timeSlot, expert.timezone);
      if (startsAt <= now) continue;
      slots.push({
        date: day.date,
        timeSlot,
        startsAt: startsAt.toISOString(),
        available: !taken.has(slotKey(day.date, timeSlot)),
      });
    }
  }
  return slots;
}

function slotKey(date: string, timeSlot: string): string {
  return `${date} ${timeSlot}`;
}

/** Booked slots from today on, per expert, in one query. */
async function takenSlotsByExpert(
  expertIds: Types.ObjectId[],
  now: Date,
): Promise<Map<string, Set<string>>> {
  const bookings = await BookingModel.find(
    { expertId: { $in: expertIds }, date: { $gte: earliestToday(now) } },
    { expertId: 1, date: 1, timeSlot: 1 },
  ).lean();
  const taken = new Map<string, Set<string>>();
  for (const booking of bookings) {
    const key = booking.expertId.toString();
    const set = taken.get(key) ?? new Set<string>();
    set.add(slotKey(booking.date, booking.timeSlot));
    taken.set(key, set);
  }
  return taken;
}

export function createExpertsService({ clock }: { clock: Clock }) {
  return {
    async list(query: unknown): Promise<ExpertPage> {
      const { page, limit, search, category } = parseOrThrow(ExpertListQuerySchema, query);
      const filter: { category?: ExpertCategory; name?: { $regex: string; $options: string } } = {};
      if (category) filter.category = category;
      if (search) filter.name = { $regex: escapeRegExp(search), $options: 'i' };

      const [total, experts] = await Promise.all([
        ExpertModel.countDocuments(filter),
        ExpertModel.find(filter)
          .sort({ rating: -1, name: 1, _id: 1 })
          .skip((page - 1) * limit)
          .limit(limit)
          .lean(),
      ]);
      const now = clock();
      const taken = await takenSlotsByExpert(
        experts.map((expert) => expert._id),
        now,
      );
      const items = experts.map((expert): ExpertSummary => {
        const next = upcomingSlots(expert, now, taken.get(expert._id.toString())).find(
          (slot) => slot.available,
        );
        return {
          ...profileOf(expert),
          nextAvailableSlot: next
            ? { date: next.date, timeSlot: next.timeSlot, startsAt: next.startsAt }
            : null,
        };
      });
      return {
        items,
        pagination: { page, limit, total, totalPages: Math.ceil(total / limit) },
      };
    },

    async get(id: unknown): Promise<Expert> {
      const expert = await ExpertModel.findById(requireObjectId(id, 'expert')).lean();
      if (!expert) throw new NotFoundError('expert');
      const now = clock();
      const taken = await takenSlotsByExpert([expert._id], now);
      return {
        ...profileOf(expert),
        bio: expert.bio,
        slots: upcomingSlots(expert, now, taken.get(expert._id.toString())),
      };
    },

    /** Whether the expert exists: one indexed lookup, without the slots `get` works out. */
    async exists(id: unknown): Promise<boolean> {
      const result = ObjectIdSchema.safeParse(id);
      if (!result.success) return false;
      return (await ExpertModel.exists({ _id: result.data })) !== null;
    },

    /**
     * Checks that the expert exists and offers this slot, and that it has not started yet.
     * Whether it is still free is not checked here: the unique index decides that at insert time.
     */
    async requireBookableSlot(
      expertId: string,
      date: string,
      timeSlot: string,
    ): Promise<BookableSlot> {
      const expert = await ExpertModel.findById(requireObjectId(expertId, 'expert'), {
        name: 1,
        timezone: 1,
        availability: 1,
      }).lean();
      if (!expert) throw new NotFoundError('expert');
      const offered = expert.availability.some(
        (day) => day.date === date && day.timeSlots.includes(timeSlot),
      );
      if (!offered) {
        throw new SlotUnavailableError(
          `${expert.name} does not offer ${timeSlot} on ${date}. Please choose one of the listed slots.`,
        );
      }
      const startsAt = slotStart(date, timeSlot, expert.timezone);
      if (startsAt <= clock()) {
        throw new SlotUnavailableError(
          `The ${timeSlot} slot on ${date} has already started. Please choose a later slot.`,
        );
      }
      return { expert, startsAt };
    },
  };
}
