import type { ApiError } from '../api/api-error';
import { ERROR_STATUS, errorStatus, type ErrorCode } from '../../shared/schemas/error-codes';
import { isMaxTimeExpiredError } from '../../models';
import { isDatabaseUnreachableError } from '../db/unreachable';
import {
  DatabaseUnavailableError,
  DomainError,
  ServiceUnavailableError,
  ValidationError,
} from '../errors';

export interface ErrorResponse {
  status: number;
  body: ApiError;
  headers?: Record<string, string>;
}

/** How long a client should wait before trying again after a 503, in seconds. */
export const RETRY_AFTER_SECONDS = 1;

/** Failures of the HTTP exchange itself (not of a business rule), e.g. a body that is not JSON. */
export class HttpError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.status = errorStatus(code);
  }
}

/** Express' router refuses a path parameter that is not valid percent-encoding (`/bookings/%`). */
export function isMalformedAddressError(error: unknown): boolean {
  return error instanceof URIError && (error as { status?: unknown }).status === 400;
}

function fromRouter(error: unknown): HttpError | undefined {
  if (!isMalformedAddressError(error)) return undefined;
  return new HttpError(
    'BAD_REQUEST',
    'The address is not valid: a % must begin an escape like %20.',
  );
}

/**
 * Errors raised by Express' body parser carry a `type` we can recognise; any other it marks as
 * the client's fault (`expose`, a 4xx status, e.g. a body that is not the gzip it claims) is a
 * bad request too, not a failure of ours.
 */
function fromBodyParser(error: unknown): HttpError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { type, status, expose } = error as { type?: unknown; status?: unknown; expose?: unknown };
  switch (type) {
    case 'entity.parse.failed':
      return new HttpError('MALFORMED_JSON', 'The request body is not valid JSON.');
    case 'encoding.invalid':
      return new HttpError('MALFORMED_JSON', 'The request body is not valid UTF-8.');
    case 'entity.too.large':
      return new HttpError('PAYLOAD_TOO_LARGE', 'The request body is too large.');
    case 'encoding.unsupported':
      return new HttpError(
        'UNSUPPORTED_MEDIA_TYPE',
        'The request body’s Content-Encoding is not supported: send it as it is, or gzip or deflate it.',
      );
    case 'charset.unsupported':
      return new HttpError('UNSUPPORTED_MEDIA_TYPE', 'The request body must be UTF-8 JSON.');
    default:
      if (expose === true && typeof status === 'number' && status >= 400 && status < 500) {
        return new HttpError('BAD_REQUEST', 'The request body could not be read.');
      }
      return undefined;
  }
}

/**
 * The one place that turns an error into an HTTP answer. Anything it does not recognise is an
 * unexpected failure: a generic 500 that reveals nothing but the request id to quote.
 */
export function toErrorResponse(error: unknown, requestId?: string): ErrorResponse {
  // A query stopped by its time limit: the request's deadline passed while the database worked.
  if (isMaxTimeExpiredError(error)) return toErrorResponse(new ServiceUnavailableError());
  // The driver's own errors (a crashed or unreachable server) say so to clients in our words.
  if (isDatabaseUnreachableError(error)) return toErrorResponse(new DatabaseUnavailableError());
  if (error instanceof DomainError) {
    const body: ApiError = { message: error.message, code: error.code };
    if (error instanceof ValidationError) body.fields = error.fields;
    const status = ERROR_STATUS[error.code];
    const headers = status === 503 ? { 'Retry-After': String(RETRY_AFTER_SECONDS) } : undefined;
    return { status, body, headers };
  }
  const http = error instanceof HttpError ? error : (fromBodyParser(error) ?? fromRouter(error));
  if (http) return { status: http.status, body: { message: http.message, code: http.code } };
  return {
    status: 500,
    body: {
      message: 'Something went wrong on our side. Please try again in a moment.',
      code: 'INTERNAL_ERROR',
      requestId,
    },
  };
}
