import { ACTIVE, BookingModel, monthOf } from '../../models';
import { addDays, weekdayIndex } from '../../shared/time/calendar-days';
import { ZoneClock } from './zone-time';

/** A Monday-to-Sunday week of local days, `YYYY-MM-DD`. */
export interface LocalWeek {
  monday: string;
  sunday: string;
}

/** The week that contains today in `timezone`. */
export function currentWeek(timezone: string, now: Date): LocalWeek {
  const today = new ZoneClock(timezone).today(now);
  const monday = addDays(today, -weekdayIndex(today));
  return { monday, sunday: addDays(monday, 6) };
}

/**
 * How many sessions the expert has this week in their own zone: the days they work, whatever zone
 * the admin reads from. Cancelled bookings do not count; completed ones do. The week spans one or
 * two local months, each read with `{ expertId, month, activeKey }` equality.
 */
export async function bookingsThisWeek(
  expertId: string,
  timezone: string,
  now: Date,
): Promise<LocalWeek & { bookings: number }> {
  const week = currentWeek(timezone, now);
  const months = [...new Set([monthOf(week.monday), monthOf(week.sunday)])];
  const reads = months.map((month) =>
    BookingModel.find({ expertId, month, activeKey: ACTIVE }, { date: 1 }).lean(),
  );
  let bookings = 0;
  for (const found of await Promise.all(reads)) {
    bookings += found.filter(({ date }) => date >= week.monday && date <= week.sunday).length;
  }
  return { ...week, bookings };
}
