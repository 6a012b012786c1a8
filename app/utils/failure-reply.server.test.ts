import { describe, expect, it } from 'vitest';

import type { DomainFailure } from './domain-error';
import { conformName, failureErrors } from './failure-reply.server';

const invalid = (fields?: Record<string, string>): DomainFailure => ({
  code: 'VALIDATION_ERROR',
  status: 400,
  message: 'Please correct the highlighted fields.',
  fields,
});

describe('failureErrors', () => {
  it("puts each field's sentence under Conform's name for it", () => {
    expect(failureErrors(invalid({ 'weeklyHours.monday.1': 'Ends before it starts.' }))).toEqual({
      formErrors: [],
      fieldErrors: { 'weeklyHours.monday[1]': ['Ends before it starts.'] },
    });
  });

  it('puts a field the form does not have on the whole form', () => {
    const fieldName = (field: string) => ({ date: 'slot' })[field];
    expect(
      failureErrors(invalid({ date: 'Not offered.', expertId: 'Unknown.' }), { fieldName }),
    ).toEqual({ formErrors: ['Unknown.'], fieldErrors: { slot: ['Not offered.'] } });
  });

  it("says the failure's own sentence when it names no field, or always when asked", () => {
    expect(failureErrors(invalid())).toEqual({
      formErrors: ['Please correct the highlighted fields.'],
      fieldErrors: {},
    });
    expect(failureErrors(invalid({ name: 'Too long.' }), { formMessage: 'always' })).toEqual({
      formErrors: ['Please correct the highlighted fields.'],
      fieldErrors: { name: ['Too long.'] },
    });
  });
});

describe('conformName', () => {
  it('writes list indexes in brackets', () => {
    expect(conformName('overrides.3.intervals.0.start')).toBe('overrides[3].intervals[0].start');
  });
});
