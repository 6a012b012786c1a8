import type { Types } from 'mongoose';

import { ACTIVE, BookingModel, monthOf } from '../../../models';
import { occupancyOf, type HoldingBooking, type Occupancy } from '../availability';
import { addDays } from '../../../shared/time/calendar-days';

/**
 * How far a booking's own `date` (its local day when made) can lie from the local day its held
 * time falls on now: a change of zone moves a day by up to 26 hours, and buffers reach two hours
 * further.
 */
const DAYS_AROUND = 2;

/** The local months whose bookings can hold time on the days from `first` to `last`. */
export function monthsAround(first: string, last: string): string[] {
  const months = new Set<string>();
  const end = addDays(last, DAYS_AROUND);
  for (let date = addDays(first, -DAYS_AROUND); date <= end; date = addDays(date, 1)) {
    months.add(monthOf(date));
  }
  return [...months];
}

export const HOLDING_FIELDS = { date: 1, heldFrom: 1, heldUntil: 1, daySeat: 1 } as const;

/**
 * What the expert's active bookings occupy on the days from `first` to `last`: one
 * `{ expertId, month, activeKey }` equality read per month (what FerretDB pushes down), so the
 * read never grows with the expert's past.
 */
export async function readOccupancy(
  expertId: Types.ObjectId | string,
  first: string,
  last: string,
): Promise<Occupancy> {
  const reads = monthsAround(first, last).map((month) =>
    BookingModel.find({ expertId, month, activeKey: ACTIVE }, HOLDING_FIELDS).lean<
      HoldingBooking[]
    >(),
  );
  return occupancyOf((await Promise.all(reads)).flat());
}

/**
 * How many of the expert's active bookings on a local day hold no seat of the daily limit (made
 * while there was none): they count against it all the same, so new bookings take the seats
 * after them.
 */
export async function seatlessBookingsOn(
  expertId: Types.ObjectId | string,
  date: string,
): Promise<number> {
  const bookings = await BookingModel.find(
    { expertId, date, activeKey: ACTIVE },
    { daySeat: 1 },
  ).lean<{ daySeat?: string | null }[]>();
  return bookings.filter((booking) => !booking.daySeat).length;
}
