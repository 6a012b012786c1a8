import type { Reminder, ReminderKind } from '../../../shared/schemas/booking-record';

/** The rules of a booking's reminders, without I/O: when each is due and what a change does. */

export const REMINDER_OFFSETS_MS: Record<ReminderKind, number> = {
  '24h': 24 * 60 * 60_000,
  '1h': 60 * 60_000,
};

export const REMINDER_KINDS = Object.keys(REMINDER_OFFSETS_MS) as ReminderKind[];

/** What the bookings collection stores; `queued` means handed to the mail outbox, not sent yet. */
export type StoredReminderStatus = Reminder['status'] | 'queued';

export interface StoredReminder {
  sendAt: Date;
  status: StoredReminderStatus;
}

export const REMINDER_FIELD = {
  '24h': 'reminder24h',
  '1h': 'reminder1h',
} as const satisfies Record<ReminderKind, string>;

export type ReminderFields = Partial<
  Record<(typeof REMINDER_FIELD)[ReminderKind], StoredReminder | null>
>;

/** The minute a reminder is due in, `YYYY-MM-DDTHH:mm` in UTC: the scan reads one at a time. */
export function minuteOf(instant: Date): string {
  return instant.toISOString().slice(0, 16);
}

/** The minute after `minute`. */
export function nextMinute(minute: string): string {
  return minuteOf(new Date(Date.parse(`${minute}:00Z`) + 60_000));
}

/**
 * A booking's reminders for a session starting at `startsAt`, made at `now`: each is sent
 * exactly its offset before the start, and one whose time has already passed is skipped, never
 * sent late.
 */
export function planReminders(
  startsAt: Date,
  now: Date,
): Record<(typeof REMINDER_FIELD)[ReminderKind], StoredReminder> {
  const plan = (kind: ReminderKind): StoredReminder => {
    const sendAt = new Date(startsAt.getTime() - REMINDER_OFFSETS_MS[kind]);
    return { sendAt, status: sendAt <= now ? 'skipped' : 'scheduled' };
  };
  return { reminder24h: plan('24h'), reminder1h: plan('1h') };
}

/** The reminders after a cancellation (or the end of the booking): none left to send. */
export function cancelReminders(fields: ReminderFields): ReminderFields {
  return Object.fromEntries(
    REMINDER_KINDS.flatMap((kind) => {
      const reminder = fields[REMINDER_FIELD[kind]];
      if (!reminder) return [];
      const open = reminder.status === 'scheduled' || reminder.status === 'queued';
      return [[REMINDER_FIELD[kind], open ? { ...reminder, status: 'cancelled' } : reminder]];
    }),
  );
}

/** The top-level field with the minute a scheduled reminder is due in, one per kind. */
export const REMINDER_MINUTE_FIELD = {
  '24h': 'reminder24hMinute',
  '1h': 'reminder1hMinute',
} as const satisfies Record<ReminderKind, string>;

type MinuteField = (typeof REMINDER_MINUTE_FIELD)[ReminderKind];

/**
 * The `$set`/`$unset` that store the reminders given in `fields`, each scheduled one with its minute
 * for the scan to find it by; the others leave the scan's minutes. One minute field per kind, so
 * a reminder that was missed never hides the next one.
 */
export function reminderWrite(fields: ReminderFields): {
  set: ReminderFields & Partial<Record<MinuteField, string>>;
  unset: Partial<Record<MinuteField, 1>>;
} {
  const set: ReminderFields & Partial<Record<MinuteField, string>> = {};
  const unset: Partial<Record<MinuteField, 1>> = {};
  for (const kind of REMINDER_KINDS) {
    const reminder = fields[REMINDER_FIELD[kind]];
    // A kind not given is left as stored: a booking from before reminders keeps having none.
    if (!reminder) continue;
    set[REMINDER_FIELD[kind]] = reminder;
    if (reminder.status === 'scheduled') {
      set[REMINDER_MINUTE_FIELD[kind]] = minuteOf(reminder.sendAt);
    } else {
      unset[REMINDER_MINUTE_FIELD[kind]] = 1;
    }
  }
  return { set, unset };
}

/** The reminders as the booking JSON shows them; a booking from before reminders has none. */
export function remindersOf(fields: ReminderFields): Reminder[] {
  return REMINDER_KINDS.flatMap((kind) => {
    const reminder = fields[REMINDER_FIELD[kind]];
    if (!reminder) return [];
    const status = reminder.status === 'queued' ? 'scheduled' : reminder.status;
    return [{ kind, sendAt: reminder.sendAt.toISOString(), status }];
  });
}
