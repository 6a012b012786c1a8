import type { FieldErrors } from '../../server/errors';
import {
  ERROR_STATUS,
  isDomainErrorCode,
  type DomainErrorCode,
} from '../../shared/schemas/error-codes';
import { tooLateToChangeMessage } from '../../shared/time/change-deadline';

/** What the pages need from a service failure: its code, its HTTP status, sentence and fields. */
export interface DomainFailure {
  code: DomainErrorCode;
  status: number;
  message: string;
  fields?: FieldErrors;
}

/**
 * Reads a domain error thrown by a service. Route modules cannot import server/ at runtime (the
 * browser bundle must stay free of it), so this recognises the error by shape, not by class.
 * Anything else is not ours to explain: callers rethrow it and the 500 boundary takes over.
 */
export function readDomainError(error: unknown): DomainFailure | undefined {
  if (!(error instanceof Error) || !('code' in error)) return undefined;
  const { code } = error as { code: unknown };
  if (!isDomainErrorCode(code)) return undefined;
  const fields = 'fields' in error ? (error as { fields: unknown }).fields : undefined;
  return {
    code,
    status: ERROR_STATUS[code],
    message: error.message,
    fields: isFieldErrors(fields) ? fields : undefined,
  };
}

function isFieldErrors(value: unknown): value is FieldErrors {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.values(value).every((message) => typeof message === 'string')
  );
}

/**
 * A refusal's sentence for a person viewing in `zone`: the cancellation notice's deadline in
 * their own time; any other refusal as the service put it.
 */
export function messageForViewer(error: unknown, failure: DomainFailure, zone: string): string {
  const until = (error as { cancellableUntil?: unknown }).cancellableUntil;
  if (failure.code !== 'TOO_LATE_TO_CHANGE' || typeof until !== 'string') return failure.message;
  return tooLateToChangeMessage(until, zone, { yours: true });
}

/** Unknown and malformed ids both mean "there is no such page" to a person. */
export function isNotFound(failure: DomainFailure | undefined): boolean {
  return failure?.code === 'NOT_FOUND' || failure?.code === 'INVALID_ID';
}

export function notFound(message = 'Not found'): Response {
  return new Response(message, { status: 404, statusText: 'Not Found' });
}
