import mongoose, { type InferSchemaType } from 'mongoose';

const availabilitySchema = new mongoose.Schema(
  {
    /** Calendar day in the expert's own time zone, `YYYY-MM-DD`. */
    date: { type: String, required: true },
    /** Slot labels offered that day, e.g. `09:00-10:00`, in the expert's time zone. */
    timeSlots: { type: [String], required: true },
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
    rating: { type: Number, required: true, min: 0, max: 5 },
    bio: { type: String, required: true },
    timezone: { type: String, required: true },
    availability: { type: [availabilitySchema], default: [] },
  },
  // Indexes are built once, explicitly, at start-up (see ensureIndexes), so a failure is loud.
  { timestamps: true, autoIndex: false },
);

expertSchema.index({ slug: 1 }, { unique: true });
// The list is sorted by rating then name, optionally within one category.
expertSchema.index({ rating: -1, name: 1, _id: 1 });
expertSchema.index({ category: 1, rating: -1, name: 1, _id: 1 });

export type ExpertDocument = InferSchemaType<typeof expertSchema> & {
  _id: mongoose.Types.ObjectId;
};

export const ExpertModel = mongoose.model('Expert', expertSchema);
