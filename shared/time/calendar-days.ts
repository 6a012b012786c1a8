/**
 * Local calendar days as `YYYY-MM-DD`, counted on a UTC-midnight scale so that a change of clocks
 * can never skip or repeat a day. Shared by the server's slot computation and the pages.
 */

const DAY = 24 * 60 * 60 * 1000;

/** `YYYY-MM-DD` of a UTC-midnight timestamp. */
export function isoDate(utcMidnight: number): string {
  return new Date(utcMidnight).toISOString().slice(0, 10);
}

/** The timestamp of `YYYY-MM-DD` at 00:00 UTC: local dates are counted on this scale. */
export function dateStamp(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

export function addDays(date: string, days: number): string {
  return isoDate(dateStamp(date) + days * DAY);
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayIndex(date: string): number {
  return (new Date(dateStamp(date)).getUTCDay() + 6) % 7;
}
