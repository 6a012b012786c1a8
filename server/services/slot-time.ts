import { DateTime } from 'luxon';

/** The instant a slot starts: its label's start time on its date, in the expert's time zone. */
export function slotStart(date: string, timeSlot: string, timezone: string): Date {
  const [start = ''] = timeSlot.split('-');
  return DateTime.fromISO(`${date}T${start}`, { zone: timezone }).toJSDate();
}

/** Today's calendar date (`YYYY-MM-DD`) as seen in the given time zone. */
export function todayIn(timezone: string, now: Date): string {
  return DateTime.fromJSDate(now, { zone: timezone }).toISODate() ?? '';
}

/** The earliest "today" anywhere on Earth, so one query covers every expert's coming days. */
export function earliestToday(now: Date): string {
  return todayIn('Etc/GMT+12', now);
}
