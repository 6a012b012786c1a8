import type { BookingStatus } from '../../shared/schemas/booking';
import type {
  Booking,
  BookingHistoryEntry,
  BookingSummary,
  ChangedBy,
} from '../../shared/schemas/booking-record';
import type { BookingDocument } from '../../models';
import { remindersOf, type ReminderFields } from './reminders/plan';

export type StoredBooking = Omit<BookingDocument, 'status'> & { status: string };

type StoredHistoryEntry = StoredBooking['history'][number];

function toHistoryEntry(entry: StoredHistoryEntry): BookingHistoryEntry {
  // Only this service writes history, always from BookingStatusSchema and CHANGED_BY.
  const state = (side: StoredHistoryEntry['from']) => ({
    status: side.status as BookingStatus,
    date: side.date,
    timeSlot: side.timeSlot,
  });
  return {
    at: entry.at.toISOString(),
    by: entry.by as ChangedBy,
    from: state(entry.from),
    to: state(entry.to),
    ...(entry.reason ? { reason: entry.reason } : {}),
  };
}

/** A booking as its owner (or an admin) sees it. Token hashes never leave the service. */
export function toBooking(doc: StoredBooking): Booking {
  return {
    id: doc._id.toString(),
    expertId: doc.expertId.toString(),
    expertName: doc.expertName,
    timezone: doc.timezone,
    name: doc.name,
    email: doc.email,
    phone: doc.phone,
    date: doc.date,
    timeSlot: doc.timeSlot,
    startsAt: doc.startsAt.toISOString(),
    endsAt: doc.endsAt.toISOString(),
    notes: doc.notes ?? '',
    status: doc.status as BookingStatus,
    createdAt: doc.createdAt.toISOString(),
    history: (doc.history ?? []).map(toHistoryEntry),
    reminders: remindersOf(doc as ReminderFields),
    cancellableUntil: doc.cancellableUntil ? doc.cancellableUntil.toISOString() : null,
  };
}

/** A booking as anyone who knows the email sees it: nothing personal. */
export function toSummary(doc: StoredBooking): BookingSummary {
  return {
    id: doc._id.toString(),
    expertId: doc.expertId.toString(),
    expertName: doc.expertName,
    date: doc.date,
    timeSlot: doc.timeSlot,
    timezone: doc.timezone,
    status: doc.status as BookingStatus,
  };
}
