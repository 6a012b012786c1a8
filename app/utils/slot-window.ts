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

/**
 * The query of the expert page for a week and a day. `from` appears only when the person chose a
 * week, so following a day link in the first week stays a change of `day` alone.
 */
export function slotPageHref({ from, day }: { from?: string; day?: string }): string {
  const query = new URLSearchParams();
  if (from) query.set('from', from);
  if (day) query.set('day', day);
  return `?${query.toString()}`;
}
