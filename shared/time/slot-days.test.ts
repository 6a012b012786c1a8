import { describe, expect, it } from 'vitest';

import type { Slot } from '../schemas/expert';
import { chooseDay, groupSlotsByDay } from './slot-days';

function slot(date: string, timeSlot: string, available = true): Slot {
  return { date, timeSlot, startsAt: `${date}T${timeSlot.slice(0, 5)}:00.000Z`, available };
}

const SLOTS = [
  slot('2030-03-04', '09:00-10:00', false),
  slot('2030-03-04', '10:00-11:00', false),
  slot('2030-03-05', '09:00-10:00'),
  slot('2030-03-05', '10:00-11:00', false),
  slot('2030-03-05', '14:00-15:00'),
  slot('2030-03-07', '09:00-10:00'),
];

describe('groupSlotsByDay', () => {
  it('keeps the order, starts a day at each new date and counts the free slots', () => {
    expect(
      groupSlotsByDay(SLOTS).map(({ date, slots, free }) => [date, slots.length, free]),
    ).toEqual([
      ['2030-03-04', 2, 0],
      ['2030-03-05', 3, 2],
      ['2030-03-07', 1, 1],
    ]);
    expect(groupSlotsByDay([])).toEqual([]);
  });
});

describe('chooseDay', () => {
  const days = groupSlotsByDay(SLOTS);

  it('takes the first day with a free slot by default, skipping full ones', () => {
    expect(chooseDay(days)).toBe('2030-03-05');
    expect(chooseDay(days, null)).toBe('2030-03-05');
  });

  it('takes the day asked for, full or not, when the expert offers it', () => {
    expect(chooseDay(days, '2030-03-04')).toBe('2030-03-04');
    expect(chooseDay(days, '2030-03-07')).toBe('2030-03-07');
  });

  it('ignores a day that is not offered (gone, mistyped, junk)', () => {
    expect(chooseDay(days, '2030-03-06')).toBe('2030-03-05');
    expect(chooseDay(days, 'tomorrow')).toBe('2030-03-05');
  });

  it('takes the first wanted day that is offered, in order', () => {
    expect(chooseDay(days, 'junk', '2030-03-07')).toBe('2030-03-07');
    expect(chooseDay(days, null, '2030-03-04')).toBe('2030-03-04');
    expect(chooseDay(days, '2030-03-07', '2030-03-04')).toBe('2030-03-07');
  });

  it('falls back to the first day when every one is full, and to none without days', () => {
    expect(chooseDay(groupSlotsByDay(SLOTS.slice(0, 2)))).toBe('2030-03-04');
    expect(chooseDay([], '2030-03-05')).toBeUndefined();
  });
});
