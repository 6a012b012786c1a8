/**
 * Every error code of the API contract and the HTTP status it stands for. The JSON API and the
 * pages both answer with these statuses, so a rule broken through either door reads the same.
 */
export const ERROR_STATUS = {
  VALIDATION_ERROR: 400,
  INVALID_ID: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  SLOT_TAKEN: 409,
  /** The expert's daily limit of sessions is reached on that day. */
  DAY_FULL: 409,
  INVALID_TRANSITION: 409,
  /** The booking's cancellation notice has begun: only the expert or an admin may change it. */
  TOO_LATE_TO_CHANGE: 409,
  /** The request key was sent before with another request. */
  IDEMPOTENCY_KEY_REUSED: 409,
  /** The booking already has its review: one per booking. */
  ALREADY_REVIEWED: 409,
  /** Only a Completed booking may be reviewed; a review may be replied to once. */
  REVIEW_NOT_ALLOWED: 409,
  SLOT_UNAVAILABLE: 422,
  /** One client sent more requests than its per-minute limit; `Retry-After` says when to retry. */
  RATE_LIMITED: 429,
  /** Too many requests already wait on the database: refused at once, try again shortly. */
  OVERLOADED: 503,
  /** The request ran out of time (or its client left) before the database answered. */
  SERVICE_UNAVAILABLE: 503,
  /** The database does not answer: nothing can be read or stored until it is back. */
  DATABASE_UNAVAILABLE: 503,
} as const;

export type DomainErrorCode = keyof typeof ERROR_STATUS;

/**
 * Codes of failures of the HTTP exchange itself rather than of a rule: a request that is not
 * HTTP, did not all arrive in time or has headers too large; a body that is not JSON, too large
 * or of another type; and the generic answer to an unexpected failure.
 */
export const HTTP_ERROR_STATUS = {
  MALFORMED_JSON: 400,
  /**
   * A request or body the server could not read for another reason: not valid HTTP, not the
   * gzip it claims to be, an address with a stray `%`.
   */
  BAD_REQUEST: 400,
  /** A known path asked with a method it does not take; `Allow` lists those it does. */
  METHOD_NOT_ALLOWED: 405,
  /** The request's headers, or the whole request, did not arrive in time. */
  REQUEST_TIMEOUT: 408,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  /** The request's headers are larger than the server reads (16 KB). */
  HEADERS_TOO_LARGE: 431,
  INTERNAL_ERROR: 500,
} as const;

export type HttpErrorCode = keyof typeof HTTP_ERROR_STATUS;
export type ErrorCode = DomainErrorCode | HttpErrorCode;

const ALL_ERROR_STATUS: Record<ErrorCode, number> = { ...ERROR_STATUS, ...HTTP_ERROR_STATUS };

export function errorStatus(code: ErrorCode): number {
  return ALL_ERROR_STATUS[code];
}

/** Every code an answer with this status may carry, in the order of the tables above. */
export function errorCodesWithStatus(status: number): ErrorCode[] {
  return (Object.keys(ALL_ERROR_STATUS) as ErrorCode[]).filter(
    (code) => ALL_ERROR_STATUS[code] === status,
  );
}

export function isDomainErrorCode(code: unknown): code is DomainErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERROR_STATUS, code);
}
