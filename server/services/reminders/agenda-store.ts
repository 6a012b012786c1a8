import { LRUCache } from 'lru-cache';
import { DateTime } from 'luxon';
import type { Types } from 'mongoose';

import { ExpertAgendaModel, ExpertModel, isDuplicateKeyError, UserModel } from '../../../models';
import { minuteOf, type StoredReminderStatus } from './plan';

/** The expert's morning mail goes at this local hour. */
export const AGENDA_HOUR = 7;

/** When the agenda of `date` (the expert's local day) goes out: 07:00 that day in their zone. */
export function agendaSendAt(date: string, timezone: string): Date {
  return DateTime.fromISO(date, { zone: timezone }).set({ hour: AGENDA_HOUR }).toJSDate();
}

/** How many expert days a process remembers having seen an agenda of (about 100 bytes each). */
const KNOWN_AGENDAS = 10_000;

/**
 * Makes sure the expert's day has its agenda, once: the first booking of the day makes it, later
 * ones find it. Made after its time (a booking for today after 07:00), it is skipped. An agenda is
 * never removed, so a day this process has seen one of needs no write: most bookings fall on a day
 * that already has one, and each write (refused as a duplicate) was a database round trip.
 */
export function createAgendaScheduler() {
  const known = new LRUCache<string, true>({ max: KNOWN_AGENDAS });
  return async function scheduleAgenda(
    expertId: Types.ObjectId,
    date: string,
    timezone: string,
    now: Date,
  ): Promise<void> {
    const id = `${expertId.toString()}:${date}`;
    if (known.has(id)) return;
    const sendAt = agendaSendAt(date, timezone);
    const due = sendAt > now;
    try {
      await ExpertAgendaModel.create({
        _id: id,
        expertId,
        date,
        sendAt,
        status: due ? 'scheduled' : 'skipped',
        ...(due ? { minute: minuteOf(sendAt) } : {}),
      });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    known.set(id, true);
  };
}

export function agendasDueIn(minute: string) {
  return ExpertAgendaModel.find({ minute }).lean();
}

/** Records an agenda's status; it leaves the scan's minutes unless it is still scheduled. */
export async function setAgendaStatus(
  id: string,
  status: StoredReminderStatus,
  onlyFrom?: readonly StoredReminderStatus[],
): Promise<void> {
  const agenda = await ExpertAgendaModel.findById(id, { status: 1 }).lean();
  if (!agenda || (onlyFrom && !onlyFrom.includes(agenda.status as StoredReminderStatus))) return;
  await ExpertAgendaModel.updateOne({ _id: id }, { $set: { status }, $unset: { minute: 1 } });
}

/** Who gets an expert's agenda: the expert's sign-in address and name, if they have one. */
export async function agendaRecipient(
  expertId: Types.ObjectId,
): Promise<{ to: string; expertName: string; timezone: string } | undefined> {
  const [user, expert] = await Promise.all([
    UserModel.findOne({ expertId }, { email: 1 }).lean(),
    ExpertModel.findById(expertId, { name: 1, timezone: 1 }).lean(),
  ]);
  if (!user || !expert) return undefined;
  return { to: user.email, expertName: expert.name, timezone: expert.timezone };
}
