import * as z from 'zod/mini';

import { ValidationError, type FieldErrors } from './errors';

/**
 * Parses untrusted input with a shared schema, or throws a ValidationError naming each field.
 * Takes any zod schema: the shared ones are `zod/mini`, the server's own may be classic.
 */
export function parseOrThrow<Schema extends z.core.$ZodType>(
  schema: Schema,
  input: unknown,
): z.output<Schema> {
  const result = z.safeParse(schema, input ?? {});
  if (result.success) return result.data;
  const fields: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join('.') || 'body';
    fields[key] ??= issue.message;
  }
  throw new ValidationError(fields);
}
