import { describe, expect, it } from 'vitest';

import { sessionMinutesOf } from './slot-length';

describe('sessionMinutesOf', () => {
  it('reads the length a label names', () => {
    expect(sessionMinutesOf('09:00-10:00')).toBe(60);
    expect(sessionMinutesOf('09:15-10:45')).toBe(90);
    expect(sessionMinutesOf('23:30-24:00')).toBe(30);
    expect(sessionMinutesOf('10:00-14:00')).toBe(240);
  });
});
