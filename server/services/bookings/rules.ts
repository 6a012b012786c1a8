import type { BookingStatus } from '../../../shared/schemas/booking';
import { ManageTokenSchema, type ChangedBy } from '../../../shared/schemas/booking-record';
import { ForbiddenError, NotFoundError, TooLateToChangeError, ValidationError } from '../../errors';
import type { StoredBooking } from '../booking-view';
import { matchesManageToken } from '../manage-tokens';

/** The rules of a booking's life, without I/O: transitions and who may act. */

/**
 * Who is asking to see or change a booking: an admin (checked by the caller against
 * ADMIN_TOKEN or the session), a signed-in expert (their own expert's bookings only), or whoever
 * holds a manage token, which is checked against the booking.
 */
export type BookingAccess =
  { by: 'admin' } | { by: 'expert'; expertId: string } | { by: 'client'; token: unknown };

/** The status moves an admin makes with PATCH …/status; cancelling has its own rules. */
export const NEXT_STATUS: Record<BookingStatus, BookingStatus | undefined> = {
  Pending: 'Confirmed',
  Confirmed: 'Completed',
  Completed: undefined,
  Cancelled: undefined,
};

/** A booking in one of these holds its time and may still be cancelled or moved. */
export const CHANGEABLE: readonly string[] = ['Pending', 'Confirmed'] satisfies BookingStatus[];

/** Lets an admin through, the booking's expert, and a client whose token is one of its own. */
export function requireAccess(booking: StoredBooking, access: BookingAccess): ChangedBy {
  if (access.by === 'admin') return 'admin';
  if (access.by === 'expert') {
    // Not FORBIDDEN: no one may learn that another expert's booking exists.
    if (booking.expertId.toString() !== access.expertId) throw new NotFoundError('booking');
    return 'expert';
  }
  const token = ManageTokenSchema.safeParse(access.token);
  if (!token.success || !matchesManageToken(token.data, booking.manageTokenHashes)) {
    throw new ForbiddenError('That manage token does not open this booking.');
  }
  return 'client';
}

export function stateOf(booking: Pick<StoredBooking, 'status' | 'date' | 'timeSlot'>) {
  return { status: booking.status, date: booking.date, timeSlot: booking.timeSlot };
}

/** Until when a session starting at `startsAt` may be changed by its client; none without notice. */
export function cancellableUntilOf(
  startsAt: Date,
  noticeMinutes: number | null | undefined,
): Date | undefined {
  return noticeMinutes ? new Date(startsAt.getTime() - noticeMinutes * 60_000) : undefined;
}

/**
 * A client may cancel or move a booking only before its deadline; the expert and admins may
 * whenever the session has not started.
 */
export function requireChangeable(
  booking: Pick<StoredBooking, 'cancellableUntil'>,
  by: ChangedBy,
  now: Date,
): void {
  if (by !== 'client' || !booking.cancellableUntil) return;
  if (now >= booking.cancellableUntil) {
    throw new TooLateToChangeError(booking.cancellableUntil.toISOString());
  }
}

/**
 * Inside the notice the expert or an admin may still cancel, but must say why: the client, who
 * could no longer change the booking, reads it.
 */
export function requireLateCancelReason(
  booking: Pick<StoredBooking, 'cancellableUntil'>,
  by: ChangedBy,
  now: Date,
  reason: string | undefined,
): void {
  if (by === 'client' || reason || !booking.cancellableUntil) return;
  if (now >= booking.cancellableUntil) {
    throw new ValidationError({
      reason: 'Say why the session is cancelled: its cancellation notice has begun.',
    });
  }
}
