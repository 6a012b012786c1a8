import {
  ExpertListQuerySchema,
  type Expert,
  type ExpertCategory,
  type Slot,
} from '../../app/schemas/expert';
import { ObjectIdSchema } from '../../app/schemas/fields';
import { ACTIVE, BookingModel, ExpertModel, type ExpertDocument } from '../../models';
import type { Catalogue, ExpertPage } from '../catalogue/catalogue';
import { InvalidIdError, NotFoundError, SlotUnavailableError } from '../errors';
import { parseOrThrow } from '../validation';
import {
  comingMonths,
  firstComing,
  isOffered,
  offeredSlots,
  slotKey,
  slotStart,
} from './slot-schedule';

export type Clock = () => Date;

export type { ExpertPage };

export interface BookableSlot {
  expert: Pick<ExpertDocument, '_id' | 'name' | 'timezone'>;
  startsAt: Date;
}

export type ExpertsService = ReturnType<typeof createExpertsService>;

/** Takes an id from the outside world, or throws INVALID_ID before it reaches a query. */
export function requireObjectId(id: unknown, what: string): string {
  const result = ObjectIdSchema.safeParse(id);
  if (!result.success) throw new InvalidIdError(what);
  return result.data;
}

/**
 * The coming slots of one expert, soonest first, each marked free or taken. Its bookings are read
 * month by month with `{ expertId, month }` equality (what FerretDB pushes down to SQL), so the
 * read never grows with the expert's past.
 */
async function comingSlots(expert: ExpertDocument, now: Date): Promise<Slot[]> {
  const slots = offeredSlots(expert);
  const from = firstComing(slots, now.getTime());
  const months = comingMonths(slots, now.getTime());
  const taken = new Set<string>();
  const reads = months.map((month) =>
    BookingModel.find(
      { expertId: expert._id, month, activeKey: ACTIVE },
      { date: 1, timeSlot: 1 },
    ).lean(),
  );
  for (const bookings of await Promise.all(reads)) {
    for (const booking of bookings) taken.add(slotKey(booking.date, booking.timeSlot));
  }
  return slots.slice(from).map((slot) => ({
    date: slot.date,
    timeSlot: slot.timeSlot,
    startsAt: new Date(slot.startsAt).toISOString(),
    available: !taken.has(slotKey(slot.date, slot.timeSlot)),
  }));
}

export function createExpertsService({
  clock,
  catalogue,
}: {
  clock: Clock;
  catalogue: Pick<Catalogue, 'list' | 'has'>;
}) {
  return {
    /** The list comes from the catalogue read model: no database work per request. */
    async list(query: unknown): Promise<ExpertPage> {
      return catalogue.list(parseOrThrow(ExpertListQuerySchema, query));
    },

    async get(id: unknown): Promise<Expert> {
      const expert = await ExpertModel.findById(requireObjectId(id, 'expert')).lean();
      if (!expert) throw new NotFoundError('expert');
      return {
        id: expert._id.toString(),
        name: expert.name,
        // Only the seed and admins write experts, always from EXPERT_CATEGORIES.
        category: expert.category as ExpertCategory,
        experience: expert.experience,
        rating: expert.rating,
        timezone: expert.timezone,
        bio: expert.bio,
        slots: await comingSlots(expert, clock()),
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
      if (!isOffered(expert, date, timeSlot)) {
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
