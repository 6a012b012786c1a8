import mongoose from 'mongoose';

import { queryGuardPlugin } from './query-guard';

/**
 * A change of a booking's holds under way: written before the first hold is claimed or released,
 * deleted once the booking and its holds agree again. One left behind means its process died (or
 * gave up) half-way, and the hold sweep makes the holds match the booking. Only unfinished
 * changes stay here, so the sweep reads a handful of documents, never the history.
 */
const holdChangeSchema = new mongoose.Schema(
  { bookingId: { type: mongoose.Schema.Types.ObjectId, required: true } },
  { timestamps: { createdAt: true, updatedAt: false }, autoIndex: false, versionKey: false },
);

holdChangeSchema.plugin(queryGuardPlugin);

export const HoldChangeModel = mongoose.model('HoldChange', holdChangeSchema);
