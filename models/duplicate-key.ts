/** Duplicate-key error code from MongoDB and MongoDB-compatible servers. */
export const DUPLICATE_KEY = 11000;

/**
 * FerretDB 1.24 on PostgreSQL answers an insert that breaks a unique index with 11000, but an
 * update (`update`, `findAndModify`) with `InternalError` (code 1) quoting PostgreSQL's unique
 * violation. Both mean the same to us: the index refused the write.
 */
const POSTGRES_UNIQUE_VIOLATION =
  /duplicate key value violates unique constraint .*\(SQLSTATE 23505\)/;

export function isDuplicateKeyError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  if (error.code === DUPLICATE_KEY) return true;
  return (
    error.code === 1 &&
    'message' in error &&
    typeof error.message === 'string' &&
    POSTGRES_UNIQUE_VIOLATION.test(error.message)
  );
}
