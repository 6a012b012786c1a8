/**
 * Formatting that gives the same text on the server and in the browser (fixed locale, explicit
 * time zones), so nothing changes at hydration. What depends on the viewer is in `viewer-time`.
 */

const LOCALE = 'en-GB';

const dayFormat = new Intl.DateTimeFormat(LOCALE, {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

const shortDayFormat = new Intl.DateTimeFormat(LOCALE, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});

/** A date that is a calendar day (`2030-03-05`), not an instant: noon UTC never crosses a day. */
function calendarDay(date: string): Date {
  return new Date(`${date}T12:00:00Z`);
}

const monthFormat = new Intl.DateTimeFormat(LOCALE, {
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** `2030-03` → `March 2030` (a calendar month, shown as is). */
export function formatMonth(month: string): string {
  return monthFormat.format(calendarDay(`${month}-15`));
}

/** `2030-03-05` → `Tuesday, 5 March 2030` (a calendar day, shown as is). */
export function formatDay(date: string): string {
  return dayFormat.format(calendarDay(date));
}

/** `2030-03-05` → `Tue 5 Mar`. */
export function formatShortDay(date: string): string {
  return shortDayFormat.format(calendarDay(date));
}

/** `09:00-10:00` → `09:00–10:00` (an en dash reads as a range). */
export function formatTimeSlot(timeSlot: string): string {
  return timeSlot.replace('-', '–');
}

/** `America/Los_Angeles` → `America/Los Angeles`. */
export function formatTimeZone(timezone: string): string {
  return timezone.replaceAll('_', ' ');
}

export function formatRating(rating: number): string {
  return rating.toFixed(1);
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
