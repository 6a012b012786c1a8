import type { SubmissionResult } from '@conform-to/react';
import { json } from '@remix-run/node';

import type { DomainFailure } from './domain-error';

/** Conform's `submission.reply`. */
export type Reply = (options?: {
  formErrors?: string[];
  fieldErrors?: Record<string, string[]>;
}) => SubmissionResult<string[]>;

/** `weeklyHours.monday.1` (a service's field) → `weeklyHours.monday[1]` (Conform's name). */
export function conformName(path: string): string {
  return path
    .split('.')
    .map((part, index) => (/^\d+$/.test(part) ? `[${part}]` : index === 0 ? part : `.${part}`))
    .join('');
}

/**
 * A service failure's sentences as a form's errors: each field's under the form's name for that
 * field, one the form has no field for on the whole form, and the failure's own sentence on the
 * whole form when it names no field at all (or `formMessage: 'always'`, for forms that lead
 * with it above their field errors).
 */
export function failureErrors(
  failure: DomainFailure,
  {
    fieldName = conformName,
    formMessage = 'alone',
  }: {
    /** The form's name for a service's field; undefined when the form has no such field. */
    fieldName?: (field: string) => string | undefined;
    formMessage?: 'alone' | 'always';
  } = {},
): { formErrors: string[]; fieldErrors: Record<string, string[]> } {
  const fieldErrors: Record<string, string[]> = {};
  const formErrors: string[] = [];
  for (const [field, message] of Object.entries(failure.fields ?? {})) {
    const name = fieldName(field);
    if (name) (fieldErrors[name] ??= []).push(message);
    else formErrors.push(message);
  }
  const named = formErrors.length > 0 || Object.keys(fieldErrors).length > 0;
  if (formMessage === 'always' || !named) formErrors.unshift(failure.message);
  return { formErrors, fieldErrors };
}

/** The form's answer to a service failure: its errors in Conform's reply, with the failure's status. */
export function failureReply(
  failure: DomainFailure,
  reply: Reply,
  options?: Parameters<typeof failureErrors>[1],
) {
  return json(reply(failureErrors(failure, options)), { status: failure.status });
}
