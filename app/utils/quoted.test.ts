import { describe, expect, it } from 'vitest';

import { quoted } from './quoted';

describe('quoted', () => {
  it('isolates the text for direction inside quotation marks', () => {
    expect(quoted('Ada')).toBe('“\u2068Ada\u2069”');
    expect(quoted('שלום')).toBe('“\u2068שלום\u2069”');
  });

  it('leaves out the text’s own direction controls, so none reaches past the marks', () => {
    expect(quoted('\u2069\u202ezz')).toBe('“\u2068zz\u2069”');
    expect(quoted('a\u2066b\u202bc\u202cd')).toBe('“\u2068abcd\u2069”');
  });
});
