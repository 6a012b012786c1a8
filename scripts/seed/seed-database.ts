import {
  BookingModel,
  bulkWriteInChunks,
  ExpertModel,
  ReviewModel,
  TimeHoldModel,
} from '../../models';
import type { SeedExpert } from './catalogue';

export interface SeedReport {
  /** Experts in the catalogue that was written. */
  experts: number;
  created: number;
  /** Experts that already existed (matched by slug) and were refreshed in place. */
  updated: number;
  expertsRemoved: number;
  bookingsRemoved: number;
}

/** How many experts the database holds; `--if-empty` seeds only when this is zero. */
export async function countExperts(): Promise<number> {
  return ExpertModel.countDocuments({});
}

/**
 * Writes the catalogue. Experts are upserted by slug, so running the seed again refreshes them
 * (new availability days, reworded bios) without duplicating anyone and without touching
 * bookings, which keep pointing at the same expert ids. Only `reset` deletes anything.
 * Sticks to deleteMany and updateOne+upsert, which FerretDB 1.24 supports, a few statements a
 * command (models/chunked-writes.ts): the whole catalogue in one wedged FerretDB for good.
 */
export async function seedDatabase({
  experts,
  reset = false,
}: {
  experts: readonly SeedExpert[];
  reset?: boolean;
}): Promise<SeedReport> {
  let bookingsRemoved = 0;
  let expertsRemoved = 0;
  if (reset) {
    // Bookings first: removing experts first would briefly leave bookings pointing at nobody.
    // Then the time they held: holds of bookings that are gone would keep it taken for ever.
    bookingsRemoved = (await BookingModel.deleteMany({})).deletedCount;
    await ReviewModel.deleteMany({});
    await TimeHoldModel.deleteMany({});
    expertsRemoved = (await ExpertModel.deleteMany({})).deletedCount;
  }

  if (experts.length === 0) {
    return { experts: 0, created: 0, updated: 0, expertsRemoved, bookingsRemoved };
  }

  const { upsertedCount: created, matchedCount: updated } = await bulkWriteInChunks(
    ExpertModel,
    experts.map(({ slug, ...fields }) => ({
      updateOne: {
        filter: { slug },
        update: { $set: { slug, ...fields } },
        upsert: true,
      },
    })),
    { ordered: true },
  );

  return {
    experts: experts.length,
    created,
    updated,
    expertsRemoved,
    bookingsRemoved,
  };
}
