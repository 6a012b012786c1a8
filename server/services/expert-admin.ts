import { randomBytes } from 'node:crypto';

import { storedRules, type Availability } from '../../shared/schemas/availability';
import { ExpertListQuerySchema, type ExpertCategory } from '../../shared/schemas/expert';
import {
  ExpertProfileSchema,
  NewExpertSchema,
  type ExpertProfileInput,
} from '../../shared/schemas/expert-profile';
import { BookingModel, ExpertModel } from '../../models';
import type { Catalogue } from '../catalogue/catalogue';
import { NotFoundError } from '../errors';
import { parseOrThrow } from '../validation';
import { requireAdmin, type Actor } from './actor';
import { bookingsThisWeek, type LocalWeek } from './bookings-this-week';
import type { Clock } from './clock';
import { requireObjectId } from './object-id';

export type ExpertAdminService = ReturnType<typeof createExpertAdminService>;

export interface AdminExpertRow {
  id: string;
  name: string;
  category: string;
  /** The mean of the visible reviews; null with none. */
  rating: number | null;
  timezone: string;
  /** Active bookings in the current Monday-to-Sunday week of the expert's own zone. */
  week: LocalWeek & { bookings: number };
}

export interface AdminExpertPage {
  items: AdminExpertRow[];
  pagination: { page: number; limit: number; total: number; totalPages: number };
}

export interface ExpertProfileView extends ExpertProfileInput {
  id: string;
  timezone: string;
}

/**
 * Where a new expert starts: weekdays 09:00–17:00 in hour-long sessions, so they can be booked
 * as soon as they are listed; the expert (or an admin) then adjusts it in the availability editor.
 */
function startingRules(timezone: string): Availability {
  const workday = [{ start: '09:00', end: '17:00' }];
  return {
    timezone,
    sessionMinutes: 60,
    extraSessionMinutes: [],
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    minimumNoticeMinutes: 120,
    cancellationNoticeMinutes: 0,
    horizonDays: 60,
    weeklyHours: {
      monday: workday,
      tuesday: workday,
      wednesday: workday,
      thursday: workday,
      friday: workday,
      saturday: [],
      sunday: [],
    },
    overrides: [],
  };
}

/** A stable, readable key for the seed's upserts; the random tail keeps namesakes apart. */
function slugOf(name: string): string {
  const base = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return `${base || 'expert'}-${randomBytes(3).toString('hex')}`;
}

/**
 * The admin's side of the expert catalogue: the list with this week's bookings, adding an expert
 * and editing a profile. Every operation takes the actor and refuses anyone but an admin.
 * Writes go through the expert model, whose hooks keep the catalogue read model current at once.
 */
export function createExpertAdminService({
  clock,
  catalogue,
}: {
  clock: Clock;
  catalogue: Pick<Catalogue, 'list'>;
}) {
  return {
    /**
     * A page of the catalogue (its order, search and category filter) with each expert's
     * bookings this week: the list from the read model, the counts from at most two month reads
     * per expert on the page, so the work is bounded by the page size, never by the catalogue.
     */
    async list(actor: Actor, query: unknown): Promise<AdminExpertPage> {
      requireAdmin(actor);
      const page = catalogue.list(parseOrThrow(ExpertListQuerySchema, query));
      const now = clock();
      const items = await Promise.all(
        page.items.map(async (expert) => ({
          id: expert.id,
          name: expert.name,
          category: expert.category,
          rating: expert.rating,
          timezone: expert.timezone,
          week: await bookingsThisWeek(expert.id, expert.timezone, now),
        })),
      );
      return { items, pagination: page.pagination };
    },

    async profile(actor: Actor, id: unknown): Promise<ExpertProfileView> {
      requireAdmin(actor);
      const expert = await ExpertModel.findById(requireObjectId(id, 'expert'), {
        name: 1,
        category: 1,
        experience: 1,
        bio: 1,
        timezone: 1,
      }).lean();
      if (!expert) throw new NotFoundError('expert');
      const { name, experience, bio, timezone } = expert;
      // Only the seed and admins write experts, always from EXPERT_CATEGORIES.
      const category = expert.category as ExpertCategory;
      return { id: expert._id.toString(), name, category, experience, bio, timezone };
    },

    /** Adds an expert, listed in the public catalogue as soon as this resolves. */
    async create(actor: Actor, input: unknown): Promise<{ id: string }> {
      requireAdmin(actor);
      const { timezone, ...profile } = parseOrThrow(NewExpertSchema, input);
      const expert = await ExpertModel.create({
        ...profile,
        slug: slugOf(profile.name),
        timezone,
        availability: storedRules(startingRules(timezone)),
      });
      return { id: expert._id.toString() };
    },

    /**
     * Replaces the profile. A new name also goes onto the expert's bookings, which carry it for
     * the pages and mails that show them without reading the expert.
     */
    async updateProfile(actor: Actor, id: unknown, input: unknown): Promise<{ id: string }> {
      requireAdmin(actor);
      const expertId = requireObjectId(id, 'expert');
      const profile = parseOrThrow(ExpertProfileSchema, input);
      // FerretDB takes no projection on findAndModify: the whole document comes back.
      const before = await ExpertModel.findOneAndUpdate(
        { _id: expertId },
        { $set: profile },
      ).lean();
      if (!before) throw new NotFoundError('expert');
      if (before.name !== profile.name) {
        await BookingModel.updateMany({ expertId }, { $set: { expertName: profile.name } });
      }
      return { id: expertId };
    },
  };
}
