import { comingMonths, firstComing, isOffered, offeredSlots, slotStart } from './slot-schedule';

const expert = {
  timezone: 'Europe/Berlin',
  availability: [
    { date: '2030-04-01', timeSlots: ['14:00-15:00', '09:00-10:00'] },
    { date: '2030-03-31', timeSlots: ['09:00-10:00'] },
    { date: '2030-03-30', timeSlots: ['23:00-24:00'] },
  ],
};

describe('offeredSlots', () => {
  it('lists every slot soonest first with the instant it starts in the expert’s zone', () => {
    expect(
      offeredSlots(expert).map(({ date, timeSlot, startsAt }) => [
        date,
        timeSlot,
        new Date(startsAt).toISOString(),
      ]),
    ).toEqual([
      // Berlin is UTC+1 until 2030-03-31 02:00, then UTC+2.
      ['2030-03-30', '23:00-24:00', '2030-03-30T22:00:00.000Z'],
      ['2030-03-31', '09:00-10:00', '2030-03-31T07:00:00.000Z'],
      ['2030-04-01', '09:00-10:00', '2030-04-01T07:00:00.000Z'],
      ['2030-04-01', '14:00-15:00', '2030-04-01T12:00:00.000Z'],
    ]);
  });

  it('gives the same instants as slotStart, call after call', () => {
    for (let i = 0; i < 2; i++) {
      for (const slot of offeredSlots(expert)) {
        expect(slotStart(slot.date, slot.timeSlot, expert.timezone).getTime()).toBe(slot.startsAt);
      }
    }
  });
});

describe('firstComing and comingMonths', () => {
  const slots = offeredSlots(expert);

  it('skip the slots that have started', () => {
    expect(firstComing(slots, Date.parse('2030-03-01T00:00:00Z'))).toBe(0);
    // A slot starting exactly now has started.
    expect(firstComing(slots, Date.parse('2030-03-31T07:00:00Z'))).toBe(2);
    expect(firstComing(slots, Date.parse('2031-01-01T00:00:00Z'))).toBe(4);
  });

  it('name the local months that still have coming slots', () => {
    expect(comingMonths(slots, Date.parse('2030-03-01T00:00:00Z'))).toEqual(['2030-03', '2030-04']);
    expect(comingMonths(slots, Date.parse('2030-03-31T08:00:00Z'))).toEqual(['2030-04']);
    expect(comingMonths(slots, Date.parse('2031-01-01T00:00:00Z'))).toEqual([]);
  });
});

describe('isOffered', () => {
  it('is true only for a label offered on that very date', () => {
    expect(isOffered(expert, '2030-04-01', '14:00-15:00')).toBe(true);
    expect(isOffered(expert, '2030-03-31', '14:00-15:00')).toBe(false);
  });
});
