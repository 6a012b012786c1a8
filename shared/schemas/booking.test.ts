import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';

import { PhoneSchema } from './booking';

/**
 * The phone rule is one pattern, so the OpenAPI document states it exactly (Schemathesis
 * generates numbers from it). These are the shapes people type.
 */
describe('PhoneSchema', () => {
  it.each([
    '+44 20 7946 0958',
    '+1 (555) 123-4567',
    '+44 (0) 20 7946 0958',
    '030.1234.5678',
    '(030) 123 45 67',
    '  0301234567  ',
    '+4915112345678901234',
  ])('accepts %j', (phone) => {
    expect(z.safeParse(PhoneSchema, phone).success).toBe(true);
  });

  it.each([
    ['six digits', '+44 123 4'],
    ['too many digits', '123456789012345678901'],
    ['letters', 'call me maybe'],
    ['a plus sign inside', '44+20 7946 0958'],
    ['punctuation only', '((((((('],
  ])('refuses %s', (_label, phone) => {
    expect(z.safeParse(PhoneSchema, phone).success).toBe(false);
  });
});
