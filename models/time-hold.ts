import mongoose from 'mongoose';

import { queryGuardPlugin } from './query-guard';

/**
 * One piece of an expert's time that an active booking holds; the `_id` names the piece, so the
 * database lets only one booking hold it, on MongoDB and FerretDB alike and for any number of
 * app processes. Two kinds (ids built in server/services/bookings/hold-ids.ts):
 *
 * - `t:<expertId>:<block>`: a five-minute block of time (block = epoch minutes / 5). A booking
 *   holds every block of its session with its buffers, so two bookings whose times meet collide
 *   on at least one block, whatever rules, zone or length each was made under.
 * - `d:<expertId>:<date>:<n>`: seat `n` of the expert's daily limit on a local day.
 * - `a:<hash>`: one booking attempt (an email's idempotency key), so racing repeats meet.
 * - `c:<id>`: the mark of a change of the booking's holds still under way (`mark: true`).
 *
 * docs/decisions/013-time-holds.md explains the order of writes and the sweep.
 */
const timeHoldSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    expertId: { type: mongoose.Schema.Types.ObjectId, required: true },
    bookingId: { type: mongoose.Schema.Types.ObjectId, required: true },
    /** Only on the mark of a change under way: the sweep reads these by equality. */
    mark: { type: Boolean },
  },
  { timestamps: { createdAt: true, updatedAt: false }, autoIndex: false, versionKey: false },
);

// A booking's own holds: released together, checked together by the sweep.
timeHoldSchema.index({ bookingId: 1 });
// The marks of unfinished changes: a handful at most, found without reading the holds.
timeHoldSchema.index({ mark: 1 });

timeHoldSchema.plugin(queryGuardPlugin);

export const TimeHoldModel = mongoose.model('TimeHold', timeHoldSchema);
