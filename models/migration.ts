import mongoose from 'mongoose';

import { isDuplicateKeyError } from './duplicate-key';
import { queryGuardPlugin } from './query-guard';

/**
 * The one-time back-fills of documents stored by older versions. Each reads a whole collection
 * with `$exists`, which FerretDB cannot push down (100,000 bookings take seconds, and longer than
 * the start-up time limit on a busy machine), so each runs until it has finished once on a
 * database and is then skipped on every later start.
 */
export const MIGRATIONS = ['booking-active-keys', 'booking-months', 'booking-holds'] as const;

export type MigrationName = (typeof MIGRATIONS)[number];

/** A finished migration, by name: its presence is all a start-up looks up (by `_id`). */
const migrationSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true, enum: MIGRATIONS },
    finishedAt: { type: Date, required: true },
  },
  { autoIndex: false, versionKey: false },
);

migrationSchema.plugin(queryGuardPlugin);

export const MigrationModel = mongoose.model('Migration', migrationSchema);

/**
 * Runs `migrate` unless it has finished on this database before, and records it once it has.
 * Two instances starting at once may both run it: every migration is idempotent. A run that
 * fails records nothing, so the next start tries again. Returns what `migrate` returned, or
 * undefined when it was skipped.
 */
export async function runMigrationOnce<T>(
  name: MigrationName,
  migrate: () => Promise<T>,
): Promise<T | undefined> {
  if (await MigrationModel.exists({ _id: name })) return undefined;
  const result = await migrate();
  await markMigrationsFinished([name]);
  return result;
}

/**
 * Records migrations as finished without running them: for a database whose every document was
 * written by this version (the benchmark's data set).
 */
export async function markMigrationsFinished(
  names: readonly MigrationName[] = MIGRATIONS,
): Promise<void> {
  const finishedAt = new Date();
  for (const name of names) {
    try {
      await MigrationModel.updateOne({ _id: name }, { $set: { finishedAt } }, { upsert: true });
    } catch (error) {
      // Another start recorded it between this upsert's read and its insert: recorded is all
      // that counts (FerretDB's upsert is not atomic, and MongoDB's may say so too).
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
}
