import type { DomainErrorCode } from '../shared/schemas/error-codes';
import { tooLateToChangeMessage } from '../shared/time/change-deadline';

/**
 * Domain errors: what went wrong, in the product's words. Services throw them; exactly one place
 * (server/http/error-response.ts) turns them into HTTP answers, and the pages show their messages.
 */
export abstract class DomainError extends Error {
  abstract readonly code: DomainErrorCode;
}

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

export class InvalidIdError extends DomainError {
  readonly code = 'INVALID_ID';
  constructor(what: string) {
    super(`That ${what} id is not valid: ids are 24 hexadecimal characters.`);
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
  constructor(what: string) {
    super(`No ${what} was found with that id.`);
  }
}

export class SlotUnavailableError extends DomainError {
  readonly code = 'SLOT_UNAVAILABLE';
}

export class SlotTakenError extends DomainError {
  readonly code = 'SLOT_TAKEN';
  constructor() {
    super('This slot is already booked. Please choose another slot.');
  }
}

export class DayFullError extends DomainError {
  readonly code = 'DAY_FULL';
  constructor(date: string, limit: number) {
    super(
      `${date} is fully booked: this expert takes at most ${limit} sessions a day. ` +
        'Please choose another day.',
    );
  }
}

/**
 * A request key sent again with another request. Says nothing of the booking the key made: the
 * key may have been learnt by someone else, and a repeat is only a repeat with the same body.
 */
export class IdempotencyKeyReusedError extends DomainError {
  readonly code = 'IDEMPOTENCY_KEY_REUSED';
  constructor() {
    super(
      'This Idempotency-Key was already used with a different request. Send the same request ' +
        'to repeat it, or a new key to make another booking.',
    );
  }
}

export class InvalidTransitionError extends DomainError {
  readonly code = 'INVALID_TRANSITION';
  constructor(from: string, to: string) {
    super(
      `A booking that is ${from} cannot become ${to}: bookings go Pending → Confirmed → ` +
        'Completed, and can be cancelled or moved only while Pending or Confirmed.',
    );
  }
}

/** Same code as any refused transition: a started session can no longer be cancelled or moved. */
export class SessionStartedError extends DomainError {
  readonly code = 'INVALID_TRANSITION';
  constructor() {
    super('This session has already started, so it can no longer be cancelled or moved.');
  }
}

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
export class AlreadyInStatusError extends DomainError {
  readonly code = 'INVALID_TRANSITION';
  constructor(status: string) {
    super(`This booking is already ${status}.`);
  }
}

/** A session is completed once it has happened, never ahead of time. */
export class SessionNotStartedError extends DomainError {
  readonly code = 'INVALID_TRANSITION';
  constructor() {
    super('This session has not started yet, so it cannot be completed.');
  }
}

export class AlreadyReviewedError extends DomainError {
  readonly code = 'ALREADY_REVIEWED';
  constructor() {
    super('This booking has already been reviewed: each session can be reviewed once.');
  }
}

/** A review of a session that has not been completed, or a second reply to a review. */
export class ReviewNotAllowedError extends DomainError {
  readonly code = 'REVIEW_NOT_ALLOWED';
}

export class UnauthorizedError extends DomainError {
  readonly code = 'UNAUTHORIZED';
  constructor(
    message = 'This call needs an admin token: send the header Authorization: Bearer <token>.',
  ) {
    super(message);
  }
}

export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';
}

export class OverloadedError extends DomainError {
  readonly code = 'OVERLOADED';
  constructor() {
    super('The server is busy right now. Please try again in a moment.');
  }
}

export class ServiceUnavailableError extends DomainError {
  readonly code = 'SERVICE_UNAVAILABLE';
  constructor(message = 'The server could not answer in time. Please try again in a moment.') {
    super(message);
  }
}

export class DatabaseUnavailableError extends DomainError {
  readonly code = 'DATABASE_UNAVAILABLE';
  constructor() {
    super('The database is not answering right now. Please try again in a moment.');
  }
}

/**
 * An address was already sent as many e-mails this hour as anyone may ask for. Said the same
 * whether or not it has bookings: the count covers every request for the address.
 */
export class MailLimitError extends DomainError {
  readonly code = 'RATE_LIMITED';
  constructor(perHour: number) {
    super(
      `We have already sent ${perHour} e-mails to this address in the last hour. Please check ` +
        'your inbox, or try again later.',
    );
  }
}

export class RateLimitedError extends DomainError {
  readonly code = 'RATE_LIMITED';
  constructor() {
    super('Too many requests from your address. Please wait a moment and try again.');
  }
}
