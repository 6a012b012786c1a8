import { createHash } from 'node:crypto';

import { Types } from 'mongoose';

import { manageUrl, type ReminderKind } from '../../../shared/schemas/booking-record';
import { monthOf } from '../../../models';
import type { Logger } from '../../logger';
import type { BookingMail } from '../booking-mail';
import { toBooking, type StoredBooking } from '../booking-view';
import {
  addManageTokenHash,
  bookingsOfExpertIn,
  bookingsToRemindIn,
  writeBesideChanges,
} from '../bookings/booking-store';
import { CHANGEABLE } from '../bookings/rules';
import type { Clock } from '../clock';
import { issueManageToken } from '../manage-tokens';
import { agendaRecipient, agendasDueIn, setAgendaStatus } from './agenda-store';
import {
  minuteOf,
  nextMinute,
  REMINDER_FIELD,
  REMINDER_KINDS,
  reminderWrite,
  type ReminderFields,
  type StoredReminder,
  type StoredReminderStatus,
} from './plan';

/**
 * The outbox id of one reminder's mail: the same whichever process stores it and however often,
 * so the outbox's unique `_id` makes it one message (and the outbox's claims send it once).
 */
export function reminderMailId(topic: string): string {
  return createHash('sha256').update(topic).digest('hex').slice(0, 24);
}

export function reminderTopic(bookingId: string, kind: ReminderKind, sendAt: Date): string {
  return `reminder|${bookingId}|${kind}|${sendAt.toISOString()}`;
}

export function agendaTopic(agendaId: string): string {
  return `agenda|${agendaId}`;
}

/**
 * How far back a scan looks for reminders due while no process scanned (a restart, a pause), and
 * how late a reminder may still go out. One left behind longer than that is never sent; it keeps
 * its `scheduled` status (no scan reads its minute again), a limit the ADR names.
 */
export const DEFAULT_LOOKBACK_MINUTES = 60;

export interface ReminderScan {
  /** Reads each minute from the last one read up to now; resolves with the mails stored. */
  runOnce(): Promise<number>;
}

/**
 * Finds due reminders and agendas by their minute (`{ reminder24hMinute: m }`,
 * `{ reminder1hMinute: m }`, `{ minute: m }`: equalities FerretDB pushes down, each with its
 * index), one minute at a time from where the last pass stopped, and hands each to the mail
 * outbox under a fixed id. Run every few seconds in every app process: at most one stored message
 * per reminder, whoever finds it first. A reminder found only once its session has started, or
 * more than the lookback after its time, is skipped, never sent late.
 */
export function createReminderScan({
  mail,
  clock,
  logger,
  lookbackMinutes = DEFAULT_LOOKBACK_MINUTES,
}: {
  mail: BookingMail;
  clock: Clock;
  logger: Logger;
  lookbackMinutes?: number;
}): ReminderScan {
  let cursor: string | undefined;
  const lateMs = lookbackMinutes * 60_000;

  async function freshLink(id: Types.ObjectId): Promise<string> {
    const { token, hash } = issueManageToken();
    await addManageTokenHash(id, hash);
    return manageUrl(id.toString(), token);
  }

  /** Stores the booking's due reminders in the outbox; answers the new status of each. */
  async function remind(booking: StoredBooking, now: Date) {
    const outcome = new Map<ReminderKind, { sendAt: Date; status: StoredReminderStatus }>();
    for (const kind of REMINDER_KINDS) {
      const reminder = (booking as ReminderFields)[REMINDER_FIELD[kind]];
      if (reminder?.status !== 'scheduled' || reminder.sendAt > now) continue;
      if (!CHANGEABLE.includes(booking.status)) {
        outcome.set(kind, { sendAt: reminder.sendAt, status: 'cancelled' });
      } else if (booking.startsAt <= now || now.getTime() - reminder.sendAt.getTime() > lateMs) {
        outcome.set(kind, { sendAt: reminder.sendAt, status: 'skipped' });
      } else {
        const topic = reminderTopic(booking._id.toString(), kind, reminder.sendAt);
        await mail.bookingReminder(
          { booking: toBooking(booking), manageUrl: await freshLink(booking._id), kind },
          { id: reminderMailId(topic), topic },
        );
        outcome.set(kind, { sendAt: reminder.sendAt, status: 'queued' });
      }
    }
    if (outcome.size === 0) return 0;
    await recordReminders(booking._id, outcome, ['scheduled']);
    return [...outcome.values()].filter(({ status }) => status === 'queued').length;
  }

  async function sendAgenda(agenda: Awaited<ReturnType<typeof agendasDueIn>>[number], now: Date) {
    if (agenda.status !== 'scheduled' || agenda.sendAt > now) return 0;
    const recipient = await agendaRecipient(agenda.expertId);
    const sessions = (await bookingsOfExpertIn(agenda.expertId, monthOf(agenda.date)))
      .filter((booking) => booking.date === agenda.date && CHANGEABLE.includes(booking.status))
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    // Nobody to tell, or nothing to tell them.
    if (!recipient || sessions.length === 0) {
      await setAgendaStatus(agenda._id, 'skipped', ['scheduled']);
      return 0;
    }
    const topic = agendaTopic(agenda._id);
    await mail.expertAgenda(
      { ...recipient, date: agenda.date, sessions: sessions.map(toBooking) },
      { id: reminderMailId(topic), topic },
    );
    await setAgendaStatus(agenda._id, 'queued', ['scheduled']);
    return 1;
  }

  return {
    async runOnce() {
      const now = clock();
      const current = minuteOf(now);
      // Never further back than the lookback, however long this process was away: a reminder
      // older than that would be late, and walking a long gap minute by minute would stall.
      const earliest = minuteOf(new Date(now.getTime() - lookbackMinutes * 60_000));
      let minute = cursor && cursor > earliest ? cursor : earliest;
      let stored = 0;
      for (;;) {
        for (const booking of await bookingsToRemindIn(minute)) {
          try {
            stored += await remind(booking, now);
          } catch (error) {
            logger.error({ err: error, bookingId: booking._id.toString() }, 'reminder not stored');
          }
        }
        for (const agenda of await agendasDueIn(minute)) {
          try {
            stored += await sendAgenda(agenda, now);
          } catch (error) {
            logger.error({ err: error, agendaId: agenda._id }, 'agenda not stored');
          }
        }
        if (minute >= current) break;
        minute = nextMinute(minute);
      }
      // The current minute is read again next time: some of it may be due only later.
      cursor = current;
      return stored;
    },
  };
}

/**
 * Records reminder statuses on the booking, each only if that reminder is still the one meant
 * (same `sendAt`: a move replans them) and in one of `onlyFrom`; the scan's minute follows.
 */
async function recordReminders(
  bookingId: Types.ObjectId,
  outcome: ReadonlyMap<ReminderKind, { sendAt: Date; status: StoredReminderStatus }>,
  onlyFrom: readonly StoredReminderStatus[],
): Promise<void> {
  await writeBesideChanges(bookingId, (booking) => {
    const fields: ReminderFields = {};
    for (const [kind, { sendAt, status }] of outcome) {
      const stored = (booking as ReminderFields)[REMINDER_FIELD[kind]];
      if (!stored || stored.sendAt.getTime() !== sendAt.getTime()) continue;
      if (!onlyFrom.includes(stored.status)) continue;
      fields[REMINDER_FIELD[kind]] = { sendAt, status } satisfies StoredReminder;
    }
    if (Object.keys(fields).length === 0) return undefined;
    const write = reminderWrite({ ...(booking as ReminderFields), ...fields });
    return { $set: write.set, $unset: write.unset };
  });
}

/**
 * Hears how a reminder's or an agenda's mail ended (the outbox worker's `onSettled`) and records
 * it where the booking JSON and the console read it.
 */
export async function recordReminderOutcome({
  topic,
  status,
}: {
  topic: string;
  status: 'sent' | 'failed';
}): Promise<void> {
  const [what, ...rest] = topic.split('|');
  if (what === 'agenda' && rest[0]) {
    await setAgendaStatus(rest[0], status, ['scheduled', 'queued']);
    return;
  }
  const [bookingId, kind, sendAt] = rest;
  if (what !== 'reminder' || !bookingId || !sendAt) return;
  if (kind !== '24h' && kind !== '1h') return;
  await recordReminders(
    new Types.ObjectId(bookingId),
    new Map([[kind, { sendAt: new Date(sendAt), status }]]),
    // `scheduled`: the scan stored the mail but stopped before recording it.
    ['scheduled', 'queued'],
  );
}
