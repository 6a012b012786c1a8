import { formatShortDay } from '../format';
import { localStart } from './viewer-time';

/** An instant as a person reads it in `timeZone`: `Sun 6 Dec at 14:00`, or with `, ` for `at`. */
export function formatInstantIn(
  instant: string,
  timeZone: string,
  joiner: ' at ' | ', ' = ' at ',
): string {
  const { date, time } = localStart(instant, timeZone);
  return `${formatShortDay(date)}${joiner}${time}`;
}

/** The words after `in`: "your time" on a page in the viewer's zone, else the zone named. */
function zoneWords(timeZone: string, yours: boolean): string {
  return yours ? 'your time' : timeZone === 'UTC' ? 'UTC' : `${timeZone} time`;
}

/**
 * What a client is told when the cancellation notice has begun: the deadline, in the viewer's
 * zone when a page knows it (`yours`), else in the zone named.
 */
export function tooLateToChangeMessage(
  cancellableUntil: string,
  timeZone: string,
  { yours }: { yours: boolean },
): string {
  return (
    `Changes were possible until ${formatInstantIn(cancellableUntil, timeZone, ', ')} ` +
    `${zoneWords(timeZone, yours)}; contact the expert.`
  );
}

/** The policy as the booking form, the booking page and the confirmation mail state it. */
export function cancellationPolicy(noticeMinutes: number): string {
  if (noticeMinutes <= 0) return 'You can cancel or reschedule any time before the session starts.';
  return (
    `You can cancel or reschedule until ${noticeWords(noticeMinutes)} before the session starts; ` +
    'after that, please contact the expert.'
  );
}

function noticeWords(minutes: number): string {
  if (minutes % (24 * 60) === 0) return count(minutes / (24 * 60), 'day');
  if (minutes % 60 === 0) return count(minutes / 60, 'hour');
  return count(minutes, 'minute');
}

function count(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
