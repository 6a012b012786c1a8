import { BookingModel } from './booking';
import { ExpertModel } from './expert';
import { OutboxClaimModel } from './outbox-claim';
import { OutboxMessageModel } from './outbox-message';

export { BookingModel, monthOf, type BookingDocument } from './booking';
export { backfillBookingMonths } from './booking-months';
export { ExpertModel, type ExpertDocument } from './expert';
export { onExpertWrite, type ExpertWrite } from './expert-writes';
export {
  DEFAULT_MAX_TIME_MS,
  isMaxTimeExpiredError,
  setQueryGuard,
  type QueryGuard,
} from './query-guard';
export { OutboxClaimModel } from './outbox-claim';
export {
  OutboxMessageModel,
  type OutboxMessageDocument,
  type OutboxStatus,
} from './outbox-message';

/** Duplicate-key error code from MongoDB and MongoDB-compatible servers. */
export const DUPLICATE_KEY = 11000;

/**
 * Builds every declared index. Called at start-up instead of relying on autoIndex, so that a
 * server that cannot enforce the one-booking-per-slot rule refuses to start.
 */
export async function ensureIndexes(): Promise<void> {
  for (const model of [ExpertModel, BookingModel, OutboxMessageModel, OutboxClaimModel]) {
    await model.createCollection();
    await model.createIndexes();
  }
}

export function isDuplicateKeyError(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && 'code' in error && error.code === DUPLICATE_KEY
  );
}
