import { expect } from 'vitest';

import type { ApiAnswer } from './api-server';

/** A 400 VALIDATION_ERROR answer whose `fields` name at least these, with these messages. */
export function expectValidationError(answer: ApiAnswer, fields: Record<string, unknown>) {
  expect(answer.status).toBe(400);
  expect(answer.body).toMatchObject({ code: 'VALIDATION_ERROR', fields });
}
