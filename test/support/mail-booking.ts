import type { BookingMailData, MailSettings } from '../../server/mail';
import { minutesOfDay } from '../../shared/schemas/availability';
import { ZoneClock } from '../../server/services/zone-time';

export const MAIL_SETTINGS: MailSettings = {
  appUrl: 'https://booking.example.com',
  organizer: { name: 'Expert Booking', email: 'bookings@booking.example.com' },
};

/** The instant of a local time of day (a label's start or end) on a date in a zone. */
function localInstant(date: string, time: string, timezone: string): Date {
  return new Date(new ZoneClock(timezone).day(date)(minutesOfDay(time)) ?? Number.NaN);
}

/** A booking as the mails see it, its instants computed from the labels in the expert's zone. */
export function mailBooking(overrides: Partial<BookingMailData> = {}): BookingMailData {
  const timezone = overrides.timezone ?? 'Europe/Berlin';
  const date = overrides.date ?? '2030-03-31';
  const timeSlot = overrides.timeSlot ?? '09:00-10:00';
  const [start = '', end = ''] = timeSlot.split('-');
  return {
    bookingId: '6660a0f19b1e8a3d4c5b6a80',
    to: 'ada@example.com',
    name: 'Ada Lovelace',
    expertName: 'Grace Hopper',
    status: 'Pending',
    manageUrl: '/bookings/6660a0f19b1e8a3d4c5b6a80?token=secret-token',
    sequence: 0,
    ...overrides,
    timezone,
    date,
    timeSlot,
    startsAt: overrides.startsAt ?? localInstant(date, start, timezone),
    endsAt: overrides.endsAt ?? localInstant(date, end, timezone),
  };
}
