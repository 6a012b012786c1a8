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
  INVALID_TRANSITION: 409,
  SLOT_UNAVAILABLE: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
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

export function isDomainErrorCode(code: unknown): code is DomainErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERROR_STATUS, code);
}
