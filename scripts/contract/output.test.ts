import { describe, expect, it } from 'vitest';

import { withoutRuler } from './output';

describe('withoutRuler', () => {
  it('keeps the words of a ruler line and nothing of the ruler', () => {
    expect(withoutRuler('============ 1 warning in 32.25s ============')).toBe(
      '1 warning in 32.25s',
    );
    expect(withoutRuler('=== SUMMARY ===')).toBe('SUMMARY');
  });

  it('leaves every other line as it is', () => {
    expect(withoutRuler('  2507 generated, 2507 passed, 14 skipped')).toBe(
      '  2507 generated, 2507 passed, 14 skipped',
    );
    expect(withoutRuler('a == b')).toBe('a == b');
  });
});
