import type { DomainErrorCode } from '../shared/schemas/error-codes';
import { tooLateToChangeMessage } from '../shared/time/change-deadline';

/**
 * Domain errors: what went wrong, in the product's words. Services throw them; exactly one place
 * (server/http/error-response.ts) turns them into HTTP answers, and the pages show their messages.
 */
export abstract class DomainError extends Error {
  abstract readonly code: DomainErrorCode;
}

/**
 * The class of a domain error that carries nothing but its message, made from its constructor's
 * arguments: each error below is one declaration, and still its own class with a literal `code`,
 * so `instanceof` and the mapping to HTTP see it as before.
 */
function domainError<const Code extends DomainErrorCode, Args extends unknown[]>(
  code: Code,
  message: (...args: Args) => string,
) {
  return class extends DomainError {
    readonly code = code;
    constructor(...args: Args) {
      super(message(...args));
    }
  };
}

/** For errors whose callers say what went wrong in their own words. */
const theirWords = (message: string) => message;

export type FieldErrors = Record<string, string>;

export class ValidationError extends DomainError {
  readonly code = 'VALIDATION_ERROR';
  constructor(
    readonly fields: FieldErrors,
    message = 'Some fields are missing or invalid.',
  ) {
    super(message);
  }
}

export class InvalidIdError extends domainError(
  'INVALID_ID',
  (what: string) => `That ${what} id is not valid: ids are 24 hexadecimal characters.`,
) {}

export class NotFoundError extends domainError(
  'NOT_FOUND',
  (what: string) => `No ${what} was found with that id.`,
) {}

export class SlotUnavailableError extends domainError('SLOT_UNAVAILABLE', theirWords) {}

export class SlotTakenError extends domainError(
  'SLOT_TAKEN',
  () => 'This slot is already booked. Please choose another slot.',
) {}

export class DayFullError extends domainError(
  'DAY_FULL',
  (date: string, limit: number) =>
    `${date} is fully booked: this expert takes at most ${limit} sessions a day. ` +
    'Please choose another day.',
) {}

/**
 * A request key sent again with another request. Says nothing of the booking the key made: the
 * key may have been learnt by someone else, and a repeat is only a repeat with the same body.
 */
export class IdempotencyKeyReusedError extends domainError(
  'IDEMPOTENCY_KEY_REUSED',
  () =>
    'This Idempotency-Key was already used with a different request. Send the same request ' +
    'to repeat it, or a new key to make another booking.',
) {}

export class InvalidTransitionError extends domainError(
  'INVALID_TRANSITION',
  (from: string, to: string) =>
    `A booking that is ${from} cannot become ${to}: bookings go Pending → Confirmed → ` +
    'Completed, and can be cancelled or moved only while Pending or Confirmed.',
) {}

/** Same code as any refused transition: a started session can no longer be cancelled or moved. */
export class SessionStartedError extends domainError(
  'INVALID_TRANSITION',
  () => 'This session has already started, so it can no longer be cancelled or moved.',
) {}

/**
 * The client's cancel or move inside the booking's cancellation notice. `cancellableUntil` lets a
 * page say the deadline in its viewer's zone; the message says it in UTC.
 */
export class TooLateToChangeError extends DomainError {
  readonly code = 'TOO_LATE_TO_CHANGE';
  constructor(readonly cancellableUntil: string) {
    super(tooLateToChangeMessage(cancellableUntil, 'UTC', { yours: false }));
  }
}

/**
 * A change that is already done: the person who lost a race (two people confirming at once)
 * learns the booking's status as it now is.
 */
export class AlreadyInStatusError extends domainError(
  'INVALID_TRANSITION',
  (status: string) => `This booking is already ${status}.`,
) {}

/** A session is completed once it has happened, never ahead of time. */
export class SessionNotStartedError extends domainError(
  'INVALID_TRANSITION',
  () => 'This session has not started yet, so it cannot be completed.',
) {}

export class AlreadyReviewedError extends domainError(
  'ALREADY_REVIEWED',
  () => 'This booking has already been reviewed: each session can be reviewed once.',
) {}

/** A review of a session that has not been completed, or a second reply to a review. */
export class ReviewNotAllowedError extends domainError('REVIEW_NOT_ALLOWED', theirWords) {}

export class UnauthorizedError extends domainError(
  'UNAUTHORIZED',
  (message?: string) =>
    message ?? 'This call needs an admin token: send the header Authorization: Bearer <token>.',
) {}

export class ForbiddenError extends domainError('FORBIDDEN', theirWords) {}

export class OverloadedError extends domainError(
  'OVERLOADED',
  () => 'The server is busy right now. Please try again in a moment.',
) {}

export class ServiceUnavailableError extends domainError(
  'SERVICE_UNAVAILABLE',
  (message?: string) =>
    message ?? 'The server could not answer in time. Please try again in a moment.',
) {}

export class DatabaseUnavailableError extends domainError(
  'DATABASE_UNAVAILABLE',
  () => 'The database is not answering right now. Please try again in a moment.',
) {}

/**
 * An address was already sent as many e-mails this hour as anyone may ask for. Said the same
 * whether or not it has bookings: the count covers every request for the address.
 */
export class MailLimitError extends domainError(
  'RATE_LIMITED',
  (perHour: number) =>
    `We have already sent ${perHour} e-mails to this address in the last hour. Please check ` +
    'your inbox, or try again later.',
) {}

export class RateLimitedError extends domainError(
  'RATE_LIMITED',
  () => 'Too many requests from your address. Please wait a moment and try again.',
) {}
