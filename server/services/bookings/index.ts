export { createBookingsService, type BookingsService } from './service';
export type { BookingAccess } from './rules';
export type { BrowserList, ListAccess } from './by-email';
export { sweepHoldChanges, startHoldSweep, HOLD_SWEEP } from './hold-sweep';
export { backfillBookingHolds } from './hold-backfill';
