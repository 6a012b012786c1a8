import type { Expert } from '../schemas/expert';
import { addDays } from './calendar-days';

/** The expert page shows one week of days at a time. */
export const PAGE_WINDOW_DAYS = 7;

/**
 * Where "Previous week" and "Next week" lead: the `from` of the neighbouring windows, when they
 * still hold bookable days (from today to the horizon).
 */
export function adjacentWeeks(window: Expert['window']): { previous?: string; next?: string } {
  const back = addDays(window.from, -window.days);
  const next = addDays(window.from, window.days);
  return {
    previous: window.from > window.today ? (back > window.today ? back : window.today) : undefined,
    next: next <= window.lastDay ? next : undefined,
  };
}

/** What the expert page's address says: the week, the day and the session length. */
export interface SlotPageQuery {
  from?: string;
  day?: string;
  /** The length listed, only when it is not the expert's default one. */
  sessionMinutes?: number;
}

/**
 * The query of the expert page for a week, a day and a length. `from` appears only when the
 * person chose a week, and `sessionMinutes` only for a length other than the default, so
 * following a day link stays a change of `day` alone.
 */
export function slotPageHref({ from, day, sessionMinutes }: SlotPageQuery): string {
  const query = new URLSearchParams();
  if (sessionMinutes) query.set('sessionMinutes', String(sessionMinutes));
  if (from) query.set('from', from);
  if (day) query.set('day', day);
  return `?${query.toString()}`;
}

/**
 * The length to name in the page's links: none for the expert's default length (the first of
 * `sessionLengths`), so the plain address stays the default page.
 */
export function lengthParam(window: Pick<Expert['window'], 'sessionMinutes' | 'sessionLengths'>) {
  return window.sessionMinutes === window.sessionLengths[0] ? undefined : window.sessionMinutes;
}
