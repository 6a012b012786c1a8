import mongoose from 'mongoose';

import {
  BookingModel,
  ExpertModel,
  insertInChunks,
  markMigrationsFinished,
  TimeHoldModel,
} from '../../models';
import { timeHoldIds } from '../../server/services/bookings/hold-store';
import { buildCatalogue, pick, randomFor } from '../seed/catalogue';
import { buildBookings, type ExpertHistory, type SlotPicker } from './bookings';

/** How far back the past bookings go: a few months of a modest marketplace. */
const PAST_DAYS = 120;
/** Documents validated between two progress reports (each written WRITE_BATCH_SIZE a command). */
const BATCH = 1_000;
/** Requests that read one thing rotate over this many experts or clients. */
const ROTATION = 100;

export interface Dataset {
  experts: number;
  bookings: number;
  pastBookings: number;
  /** Experts and clients (with bookings) the runs rotate over. */
  expertIds: string[];
  emails: string[];
  /** Draws free coming slots for the booking runs. */
  picker: SlotPicker;
}

/** Validates against the app's model (so a schema change fails here, loudly), then inserts. */
async function insertValidated(
  model: typeof ExpertModel | typeof BookingModel,
  documents: readonly object[],
  progress: (done: number) => void,
): Promise<void> {
  for (let start = 0; start < documents.length; start += BATCH) {
    const batch = documents.slice(start, start + BATCH).map((fields) => {
      const document = new model(fields);
      const error = document.validateSync();
      if (error) throw error;
      return document.toObject();
    });
    await insertInChunks(model.collection, batch, { ordered: false });
    progress(start + batch.length);
  }
}

/**
 * Fills the (empty) database: `experts` experts from the seed's catalogue with their rules, and
 * `bookings` bookings, `pastShare` of them on slots the rules offered in the past months, the rest
 * on slots they offer now. Written through the driver in batches: the app's write path is what the runs measure.
 */
export async function buildDataset({
  experts,
  bookings,
  pastShare,
  now,
  say,
}: {
  experts: number;
  bookings: number;
  pastShare: number;
  now: Date;
  say: (line: string) => void;
}): Promise<Dataset> {
  const random = randomFor('bench');
  const stored = buildCatalogue({ today: now, size: experts }).map((expert) => ({
    _id: new mongoose.Types.ObjectId(),
    ...expert,
  }));
  await insertValidated(ExpertModel, stored, () => undefined);
  say(`${experts} experts written`);

  const histories: ExpertHistory[] = stored.map((expert) => ({
    id: expert._id.toString(),
    name: expert.name,
    rules: { timezone: expert.timezone, ...expert.availability },
  }));
  const built = buildBookings({
    experts: histories,
    now,
    pastDays: PAST_DAYS,
    total: bookings,
    pastShare,
    random,
  });
  await insertValidated(BookingModel, built.bookings, (done) => {
    if (done % 10_000 === 0 || done === bookings) say(`${done} of ${bookings} bookings written`);
  });
  // The coming active bookings hold their time, as the app's own bookings do.
  const holds = built.bookings
    .filter((booking) => booking.heldUntil > now && booking.status !== 'Completed')
    .flatMap((booking) => {
      const expertId = new mongoose.Types.ObjectId(booking.expertId);
      const bookingId = booking._id;
      return timeHoldIds(booking.expertId, {
        from: booking.heldFrom.getTime(),
        until: booking.heldUntil.getTime(),
      }).map((_id) => ({ _id, expertId, bookingId, createdAt: now }));
    });
  await insertInChunks(TimeHoldModel, holds, { ordered: false, lean: true });
  say(`${holds.length} holds of coming bookings written`);
  // Every document is in this version's shape: the app's first start has nothing to back-fill.
  await markMigrationsFinished();

  const emails = [...new Set(built.bookings.map((booking) => booking.email))].slice(0, ROTATION);
  return {
    experts,
    bookings,
    pastBookings: built.bookings.filter((booking) => booking.startsAt <= now).length,
    expertIds: Array.from({ length: ROTATION }, () => pick(random, histories).id),
    emails,
    picker: built.picker,
  };
}
