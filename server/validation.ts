import type { z } from 'zod';

import { ValidationError, type FieldErrors } from './errors';

/** Parses untrusted input with a shared schema, or throws a ValidationError naming each field. */
export function parseOrThrow<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
): z.infer<Schema> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const fields: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join('.') || 'body';
    fields[key] ??= issue.message;
  }
  throw new ValidationError(fields);
}
