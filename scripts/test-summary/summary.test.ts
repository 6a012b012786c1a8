import { describe, expect, it } from 'vitest';

import { closingLine } from './summary';

describe('closingLine', () => {
  it('counts vitest’s passed, failed and skipped tests on one plain line', () => {
    expect(
      closingLine({ numPassedTests: 616, numFailedTests: 1, numPendingTests: 2, numTodoTests: 1 }),
    ).toBe('tests: 616 passed, 1 failed, 3 skipped');
  });

  it('refuses a report that is not vitest’s', () => {
    expect(() => closingLine({ passed: 3 })).toThrow();
  });
});
