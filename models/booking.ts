import mongoose from 'mongoose';

import { queryGuardPlugin } from './query-guard';
import type { TimestampedDocument } from './timestamped-document';

/** `activeKey` of a booking that holds its slot. */
export const ACTIVE = 'active';

/** How many manage tokens a booking keeps; older ones stop working as newer ones are issued. */
export const MAX_MANAGE_TOKENS = 10;

/** One side of a change: where the booking stood. */
const bookingStateSchema = new mongoose.Schema(
  {
    status: { type: String, required: true },
    date: { type: String, required: true },
    timeSlot: { type: String, required: true },
  },
  { _id: false },
);

const historyEntrySchema = new mongoose.Schema(
  {
    at: { type: Date, required: true },
    by: { type: String, required: true },
    from: { type: bookingStateSchema, required: true },
    to: { type: bookingStateSchema, required: true },
    reason: { type: String },
  },
  { _id: false },
);

/**
 * One reminder mail of a booking. `status` is `scheduled`, `queued` (handed to the mail outbox),
 * `sent`, `skipped` (its time had passed when the booking was made or moved), `cancelled` or
 * `failed` (the outbox gave up). server/services/reminders/ holds the rules.
 */
const reminderSchema = new mongoose.Schema(
  {
    sendAt: { type: Date, required: true },
    status: { type: String, required: true },
  },
  { _id: false },
);

const bookingSchema = new mongoose.Schema(
  {
    expertId: { type: mongoose.Schema.Types.ObjectId, required: true, ref: 'Expert' },
    /** Copied from the expert at booking time so a booking reads well on its own. */
    expertName: { type: String, required: true },
    timezone: { type: String, required: true },
    name: { type: String, required: true },
    email: { type: String, required: true },
    phone: { type: String, required: true },
    /** `YYYY-MM-DD` in the expert's time zone. */
    date: { type: String, required: true },
    /** The slot label as the expert offers it, e.g. `09:00-10:00`. */
    timeSlot: { type: String, required: true },
    /**
     * `YYYY-MM` of `date`: the expert's local month. FerretDB pushes down only top-level equality,
     * so an expert's coming weeks are read as a few `{ expertId, month }` equalities instead of a
     * date range. Derived from `date` on every save; see backfillBookingMonths for older bookings.
     */
    month: { type: String, required: true },
    startsAt: { type: Date, required: true },
    endsAt: { type: Date, required: true },
    /**
     * The time this booking holds while active: the session with the buffers in force when it
     * was made, on five-minute block edges. Its blocks are held in `timeholds`; this is the
     * truth the hold sweep and the slot computations read (server/services/bookings/).
     */
    heldFrom: { type: Date, required: true },
    heldUntil: { type: Date, required: true },
    /** The id of the daily-limit seat it holds, when its expert had a limit. */
    daySeat: { type: String },
    /**
     * Set when the booking was found to share time with an older one (bookings from before time
     * was held): shown in the console, never resolved by deleting anything.
     */
    overlapsBookingId: { type: mongoose.Schema.Types.ObjectId },
    notes: { type: String, default: '' },
    status: { type: String, required: true, default: 'Pending' },
    /**
     * The fourth key of the one-booking-per-slot index: `active` while the booking holds its
     * slot, the booking's own id once it is cancelled, so a cancelled booking collides with
     * nothing. Never missing and never null: FerretDB (SQL storage) lets missing values coexist,
     * MongoDB does not, and the rule must read the same on both
     * (docs/decisions/008-cancellation-and-the-active-slot-key.md).
     */
    activeKey: { type: String, required: true, default: ACTIVE },
    /**
     * SHA-256 (hex) of the booking's private manage tokens, newest last and capped: a token is
     * shown once and never stored, and each "send me my links" adds one while older links keep
     * working.
     */
    manageTokenHashes: { type: [String], default: [] },
    /**
     * The cancellation notice in force when the booking was made, in minutes, and the instant
     * until which its client may cancel or move it (absent: no notice). A move keeps the notice
     * and moves the deadline with the start; a later change of the expert's rules moves nothing.
     * Absent on bookings from before the notice existed, which have none.
     */
    cancellationNoticeMinutes: { type: Number },
    cancellableUntil: { type: Date },
    /** The client's reminders, 24 hours and 1 hour before the start; absent on older bookings. */
    reminder24h: { type: reminderSchema },
    reminder1h: { type: reminderSchema },
    /**
     * `YYYY-MM-DDTHH:mm` (UTC) of each reminder still to send, absent once it is not: the
     * reminder scan reads one such minute at a time, an equality FerretDB pushes down.
     */
    reminder24hMinute: { type: String },
    reminder1hMinute: { type: String },
    /** Every change after the booking was made, oldest first. */
    history: { type: [historyEntrySchema], default: [] },
    /**
     * Names the attempt that made this booking, so a repeat of it finds this booking. Always set
     * (generated when the client sent none): see the unique index below.
     */
    idempotencyKey: { type: String, required: true },
    /**
     * SHA-256 of the attempt's request as parsed (every field, keys in order): only a repeat
     * with this very request replays the booking. Absent on bookings from before it was kept,
     * which no repeat replays.
     */
    requestHash: { type: String },
  },
  { timestamps: true, autoIndex: false },
);

/** The local month of a booking's local date. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

bookingSchema.pre('validate', function deriveMonth() {
  if (typeof this.date === 'string') this.month = monthOf(this.date);
});

/** The index this one replaced: it counted cancelled bookings too. Dropped at start-up. */
export const RETIRED_SLOT_INDEX = 'one_booking_per_slot';

/**
 * The one rule that must never break: one active booking per expert, day and slot. The database
 * enforces it, so it holds for any number of server processes; `activeKey` makes a cancelled
 * booking step aside. Every key field is `required`: on SQL-backed servers (FerretDB) two missing
 * values never collide, which would let duplicates in.
 */
bookingSchema.index(
  { expertId: 1, date: 1, timeSlot: 1, activeKey: 1 },
  { unique: true, name: 'one_active_booking_per_slot' },
);
// The hot reads (docs/decisions/005-hot-queries-and-catalogue-read-model.md): an expert's coming
// months, every expert's coming months (the catalogue), and one person's bookings.
bookingSchema.index({ expertId: 1, month: 1 });
bookingSchema.index({ month: 1 });
// The console of an admin over every expert: one `{ date }` equality per day of its range.
bookingSchema.index({ date: 1 });
bookingSchema.index({ email: 1, startsAt: 1 });
bookingSchema.index({ reminder24hMinute: 1 });
bookingSchema.index({ reminder1hMinute: 1 });
// One booking per attempt, even when repeats of one attempt race each other. Scoped by email so
// that a key sent by someone else never matches another person's booking.
bookingSchema.index(
  { email: 1, idempotencyKey: 1 },
  { unique: true, name: 'one_booking_per_attempt' },
);

bookingSchema.plugin(queryGuardPlugin);

export type BookingDocument = TimestampedDocument<typeof bookingSchema>;

export const BookingModel = mongoose.model('Booking', bookingSchema);
