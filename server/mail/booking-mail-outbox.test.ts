import { describe, expect, it } from 'vitest';

import type { Booking } from '../../shared/schemas/booking-record';
import { bookingCalendarFile } from './booking-mail-outbox';
import type { BookingFacts, BookingMailData } from './booking-mail-data';
import type { BookingMailer } from './booking-mailer';

/** Keeps what the adapter hands over, instead of storing mail. */
function recordingMailer(seen: BookingFacts[]): BookingMailer {
  const keep = async (booking: BookingMailData) => void seen.push(booking);
  return {
    bookingMade: keep,
    bookingRescheduled: keep,
    bookingCancelled: keep,
    reviewInvite: keep,
    bookingLinks: async () => undefined,
    bookingListLink: async () => undefined,
    bookingReminder: keep,
    expertAgenda: async () => undefined,
    calendarFile: (booking) => {
      seen.push(booking);
      return '';
    },
  };
}

const booking: Booking = {
  id: '6660a0f19b1e8a3d4c5b6a80',
  expertId: '665f1c2e9b1e8a3d4c5b6a79',
  expertName: 'Grace Hopper',
  timezone: 'Europe/Berlin',
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  phone: '+44 20 7946 0958',
  // Berlin falls back that night: 02:00–03:00 happens twice, and the session is the first.
  date: '2026-10-25',
  timeSlot: '02:00-03:00',
  startsAt: '2026-10-25T00:00:00.000Z',
  endsAt: '2026-10-25T01:00:00.000Z',
  notes: '',
  status: 'Pending',
  createdAt: '2026-10-01T10:00:00.000Z',
  history: [],
  reminders: [],
  cancellableUntil: null,
};

describe('booking facts for mails and calendar files', () => {
  it('end one session length after the start, even on a night the clocks change', () => {
    const seen: BookingFacts[] = [];
    bookingCalendarFile(recordingMailer(seen))({ booking, manageUrl: '/bookings/x?token=y' });
    expect(seen[0]?.endsAt).toEqual(new Date('2026-10-25T01:00:00.000Z'));
  });

  it('end at midnight for a session labelled to 24:00', () => {
    const seen: BookingFacts[] = [];
    const late = {
      ...booking,
      date: '2026-12-01',
      timeSlot: '23:00-24:00',
      startsAt: '2026-12-01T22:00:00.000Z',
    };
    bookingCalendarFile(recordingMailer(seen))({ booking: late, manageUrl: '/bookings/x?token=y' });
    expect(seen[0]?.endsAt).toEqual(new Date('2026-12-01T23:00:00.000Z'));
  });

  it('raise the calendar SEQUENCE for a confirmation, a move and a cancel, not for completing', () => {
    const sequences: number[] = [];
    const mailer: BookingMailer = {
      ...recordingMailer([]),
      calendarFile: (_booking, sequence) => {
        sequences.push(sequence);
        return '';
      },
    };
    const state = (status: Booking['status'], date = booking.date) => ({
      status,
      date,
      timeSlot: booking.timeSlot,
    });
    const at = '2026-10-01T10:00:00.000Z';
    const steps = [
      { at, by: 'expert', from: state('Pending'), to: state('Confirmed') },
      { at, by: 'client', from: state('Confirmed'), to: state('Pending', '2026-10-26') },
      {
        at,
        by: 'expert',
        from: state('Pending', '2026-10-26'),
        to: state('Confirmed', '2026-10-26'),
      },
      {
        at,
        by: 'expert',
        from: state('Confirmed', '2026-10-26'),
        to: state('Completed', '2026-10-26'),
      },
    ] as Booking['history'];
    for (let made = 0; made <= steps.length; made += 1) {
      const history = steps.slice(0, made);
      bookingCalendarFile(mailer)({ booking: { ...booking, history }, manageUrl: '/b/x?token=y' });
    }
    // Made, confirmed, moved (back to pending), confirmed again; completing changes nothing shown.
    expect(sequences).toEqual([0, 1, 2, 3, 3]);
  });
});
