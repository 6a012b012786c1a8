import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  cancelReminders,
  minuteOf,
  planReminders,
  REMINDER_OFFSETS_MS,
  reminderWrite,
  remindersOf,
} from './plan';

const instant = fc.date({
  min: new Date('2026-01-01T00:00:00Z'),
  max: new Date('2036-01-01T00:00:00Z'),
  noInvalidDate: true,
});

describe('reminder plans', () => {
  it('send each reminder exactly its offset before the start, skipped once that is past', () => {
    fc.assert(
      fc.property(instant, instant, (startsAt, now) => {
        const plan = planReminders(startsAt, now);
        for (const reminder of remindersOf(plan)) {
          const sendAt = Date.parse(reminder.sendAt);
          expect(sendAt).toBe(startsAt.getTime() - REMINDER_OFFSETS_MS[reminder.kind]);
          expect(reminder.status).toBe(sendAt <= now.getTime() ? 'skipped' : 'scheduled');
        }
      }),
    );
  });

  it('give the scan the minute of each scheduled reminder and of nothing else', () => {
    fc.assert(
      fc.property(instant, instant, (startsAt, now) => {
        const plan = planReminders(startsAt, now);
        const { set, unset } = reminderWrite(plan);
        expect(set.reminder24hMinute === undefined).toBe(plan.reminder24h.status !== 'scheduled');
        expect(set.reminder1hMinute === undefined).toBe(plan.reminder1h.status !== 'scheduled');
        if (set.reminder1hMinute)
          expect(set.reminder1hMinute).toBe(minuteOf(plan.reminder1h.sendAt));
        expect(Object.keys(unset).length + Object.keys(set).length).toBe(4);
      }),
    );
  });

  it('leave nothing to send after a cancellation, and keep what was sent or skipped', () => {
    fc.assert(
      fc.property(instant, instant, (startsAt, now) => {
        const plan = planReminders(startsAt, now);
        const cancelled = cancelReminders(plan);
        const { set, unset } = reminderWrite(cancelled);
        expect(unset).toEqual({ reminder24hMinute: 1, reminder1hMinute: 1 });
        for (const reminder of remindersOf({ ...cancelled, ...set })) {
          expect(['cancelled', 'skipped']).toContain(reminder.status);
        }
      }),
    );
  });
});
