import { BookingModel } from './booking';
import { backfillActiveKeys, dropRetiredSlotIndex } from './booking-active-key';
import { BookingBrowserProofModel } from './booking-browser-proof';
import { BookingChangeClaimModel } from './booking-change-claim';
import { BookingListLinkModel } from './booking-list-link';
import { ExpertModel } from './expert';
import { ExpertAgendaModel } from './expert-agenda';
import { MigrationModel, runMigrationOnce } from './migration';
import { MailQuotaSeatModel } from './mail-quota-seat';
import { TimeHoldModel } from './time-hold';
import { OutboxClaimModel } from './outbox-claim';
import { OutboxMessageModel } from './outbox-message';
import { SignInAttemptModel } from './sign-in-attempt';
import { SignInLinkModel } from './sign-in-link';
import { ReviewModel } from './review';
import { ReviewCountClaimModel } from './review-count-claim';
import { UserModel } from './user';

export { ACTIVE, BookingModel, MAX_MANAGE_TOKENS, monthOf, type BookingDocument } from './booking';
export {
  bulkWriteInChunks,
  chunksOf,
  insertInChunks,
  WRITE_BATCH_SIZE,
  writeErrorIndex,
  type ChunkedWriteResult,
} from './chunked-writes';
export { backfillBookingMonths } from './booking-months';
export { writeBatcher, type BatchedWrite } from './write-batcher';
export {
  MIGRATIONS,
  markMigrationsFinished,
  runMigrationOnce,
  type MigrationName,
} from './migration';
export { TimeHoldModel } from './time-hold';
export { BookingChangeClaimModel } from './booking-change-claim';
export { BookingBrowserProofModel } from './booking-browser-proof';
export { BookingListLinkModel } from './booking-list-link';
export { MailQuotaSeatModel } from './mail-quota-seat';
export { ExpertModel, type ExpertDocument } from './expert';
export { ExpertAgendaModel, type ExpertAgendaDocument } from './expert-agenda';
export { announceExpertWrite, onExpertWrite, type ExpertWrite } from './expert-writes';
export {
  DEFAULT_MAX_TIME_MS,
  isMaxTimeExpiredError,
  refuseUnwantedWork,
  runPastItsRequest,
  setQueryGuard,
  type QueryGuard,
} from './query-guard';
export { OutboxClaimModel } from './outbox-claim';
export {
  OutboxMessageModel,
  type OutboxMessageDocument,
  type OutboxStatus,
} from './outbox-message';
export { SignInAttemptModel, type SignInAttemptDocument } from './sign-in-attempt';
export { SignInLinkModel } from './sign-in-link';
export { ReviewModel, type ReviewDocument } from './review';
export { ReviewCountClaimModel } from './review-count-claim';
export { DUPLICATE_KEY, isDuplicateKeyError } from './duplicate-key';
export { takeClaim } from './claims';
export { USER_ROLES, UserModel, type UserDocument } from './user';

/**
 * Builds every declared index. Called at start-up instead of relying on autoIndex, so that a
 * server that cannot enforce the one-booking-per-slot rule refuses to start. Bookings from before
 * cancellations existed get their active key first, and the slot index they outgrew goes only
 * after its successor is built (once per database, see migration.ts). Idempotent: a second run
 * changes nothing.
 */
export async function ensureIndexes(): Promise<void> {
  await ExpertModel.createCollection();
  await ExpertModel.createIndexes();
  await BookingModel.createCollection();
  await MigrationModel.createCollection();
  await runMigrationOnce('booking-active-keys', backfillActiveKeys);
  await BookingModel.createIndexes();
  await dropRetiredSlotIndex();
  for (const model of [
    TimeHoldModel,
    BookingChangeClaimModel,
    OutboxMessageModel,
    OutboxClaimModel,
    UserModel,
    SignInAttemptModel,
    SignInLinkModel,
    MailQuotaSeatModel,
    BookingListLinkModel,
    BookingBrowserProofModel,
    ExpertAgendaModel,
    ReviewModel,
    ReviewCountClaimModel,
  ]) {
    await model.createCollection();
    await model.createIndexes();
  }
}
