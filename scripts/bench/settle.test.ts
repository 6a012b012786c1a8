import { describe, expect, it } from 'vitest';

import { isSettled } from './settle';

describe('isSettled', () => {
  it('is settled once a probe is as quick as before the load', () => {
    expect(isSettled([900, 400, 11], 5)).toBe(true);
    expect(isSettled([26], 5)).toBe(false);
    expect(isSettled([200], 100)).toBe(true);
  });

  it('waits while probes are getting quicker: a backlog is still draining', () => {
    expect(isSettled([4000, 2500, 1200], 5)).toBe(false);
    expect(isSettled([300, 300], 5)).toBe(false);
    expect(isSettled([], 5)).toBe(false);
  });

  it('is settled when the last three probes are level, however slow', () => {
    expect(isSettled([4000, 310, 300, 330], 5)).toBe(true);
  });
});
