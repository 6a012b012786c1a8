import mongoose, { type InferSchemaType } from 'mongoose';

import { announceExpertWrite, expertIdOfFilter } from './expert-writes';
import { queryGuardPlugin } from './query-guard';

const intervalSchema = new mongoose.Schema(
  {
    /** `HH:MM`, local to the expert. */
    start: { type: String, required: true },
    /** `HH:MM`, up to `24:00`. */
    end: { type: String, required: true },
  },
  { _id: false },
);

const dayHours = { type: [intervalSchema], default: [] };

/** The intervals of each weekday; the shape is checked by shared/schemas/availability.ts. */
const weeklyHoursSchema = new mongoose.Schema(
  {
    monday: dayHours,
    tuesday: dayHours,
    wednesday: dayHours,
    thursday: dayHours,
    friday: dayHours,
    saturday: dayHours,
    sunday: dayHours,
  },
  { _id: false },
);

const dateOverrideSchema = new mongoose.Schema(
  {
    /** Calendar day in the expert's own time zone, `YYYY-MM-DD`. */
    date: { type: String, required: true },
    /** That day's hours instead of the weekday's; none means the day is off. */
    intervals: { type: [intervalSchema], default: [] },
  },
  { _id: false },
);

/**
 * When the expert works, as rules in the expert's `timezone`; slots are computed from them when
 * read (server/services/availability.ts). Documents from before the rules carried a dated list
 * here; server/services/availability-migration.ts converts them once at start-up.
 */
const availabilitySchema = new mongoose.Schema(
  {
    sessionMinutes: { type: Number, required: true },
    extraSessionMinutes: { type: [Number], default: [] },
    startEveryMinutes: { type: Number },
    bufferBeforeMinutes: { type: Number, required: true, default: 0 },
    bufferAfterMinutes: { type: Number, required: true, default: 0 },
    maxSessionsPerDay: { type: Number },
    minimumNoticeMinutes: { type: Number, required: true, default: 0 },
    cancellationNoticeMinutes: { type: Number, required: true, default: 0 },
    horizonDays: { type: Number, required: true },
    weeklyHours: { type: weeklyHoursSchema, required: true, default: () => ({}) },
    overrides: { type: [dateOverrideSchema], default: [] },
  },
  { _id: false },
);

const expertSchema = new mongoose.Schema(
  {
    /** Stable key that lets the seed update an expert instead of adding it twice. */
    slug: { type: String, required: true },
    name: { type: String, required: true },
    category: { type: String, required: true },
    experience: { type: Number, required: true, min: 0 },
    /**
     * The sum and number of the expert's visible reviews, changed in the same update as each
     * review's count (models/review.ts): the rating shown is their mean, read without a scan.
     */
    reviewSum: { type: Number, required: true, default: 0 },
    reviewCount: { type: Number, required: true, default: 0 },
    bio: { type: String, required: true },
    timezone: { type: String, required: true },
    availability: { type: availabilitySchema, required: true },
  },
  // Indexes are built once, explicitly, at start-up (see ensureIndexes), so a failure is loud.
  { timestamps: true, autoIndex: false },
);

expertSchema.index({ slug: 1 }, { unique: true });
// The list is sorted in memory by the catalogue read model; a category is an equality read.
expertSchema.index({ category: 1, name: 1, _id: 1 });

expertSchema.plugin(queryGuardPlugin);

// Every write is announced in this process, so the catalogue read model follows it at once.
expertSchema.post('save', async function announceSaved() {
  await announceExpertWrite({ kind: 'one', expertId: this._id.toString() });
});
expertSchema.post(
  ['updateOne', 'findOneAndUpdate', 'findOneAndDelete', 'deleteOne'],
  async function announceUpdated() {
    const expertId = expertIdOfFilter(this.getFilter());
    await announceExpertWrite(expertId ? { kind: 'one', expertId } : { kind: 'many' });
  },
);
expertSchema.post(['updateMany', 'deleteMany', 'replaceOne'], async function announceMany() {
  await announceExpertWrite({ kind: 'many' });
});
expertSchema.post('bulkWrite', async function announceBulk() {
  await announceExpertWrite({ kind: 'many' });
});
expertSchema.post('insertMany', async function announceInserted() {
  await announceExpertWrite({ kind: 'many' });
});

export type ExpertDocument = InferSchemaType<typeof expertSchema> & {
  _id: mongoose.Types.ObjectId;
};

export const ExpertModel = mongoose.model('Expert', expertSchema);
