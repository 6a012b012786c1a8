import { describe, expect, it } from 'vitest';

import { adjacentWeeks, lengthParam, slotPageHref } from './slot-window';

const window = {
  from: '2030-03-04',
  days: 7,
  today: '2030-03-04',
  lastDay: '2030-05-03',
  sessionMinutes: 60,
  sessionLengths: [60],
};

describe('adjacentWeeks', () => {
  it('links the next week only, from today', () => {
    expect(adjacentWeeks(window)).toEqual({ previous: undefined, next: '2030-03-11' });
  });

  it('goes back a week, never before today', () => {
    expect(adjacentWeeks({ ...window, from: '2030-03-14' }).previous).toBe('2030-03-07');
    expect(adjacentWeeks({ ...window, from: '2030-03-08' }).previous).toBe('2030-03-04');
  });

  it('stops at the horizon', () => {
    expect(adjacentWeeks({ ...window, from: '2030-04-26' }).next).toBe('2030-05-03');
    expect(adjacentWeeks({ ...window, from: '2030-04-27' }).next).toBeUndefined();
  });
});

describe('slotPageHref', () => {
  it('names the week only when one was chosen', () => {
    expect(slotPageHref({ day: '2030-03-05' })).toBe('?day=2030-03-05');
    expect(slotPageHref({ from: '2030-03-11', day: '2030-03-12' })).toBe(
      '?from=2030-03-11&day=2030-03-12',
    );
    expect(slotPageHref({ from: '2030-03-11' })).toBe('?from=2030-03-11');
  });

  it('names a length, first, only when given', () => {
    expect(slotPageHref({ sessionMinutes: 90 })).toBe('?sessionMinutes=90');
    expect(slotPageHref({ from: '2030-03-11', day: '2030-03-12', sessionMinutes: 30 })).toBe(
      '?sessionMinutes=30&from=2030-03-11&day=2030-03-12',
    );
  });
});

describe('lengthParam', () => {
  it('is none for the default length, the length otherwise', () => {
    expect(lengthParam({ sessionMinutes: 60, sessionLengths: [60, 30] })).toBeUndefined();
    expect(lengthParam({ sessionMinutes: 30, sessionLengths: [60, 30] })).toBe(30);
  });
});
