import { describe, expect, it } from 'vitest';

import { MAIL_SETTINGS, mailBooking } from '../../test/support/mail-booking';
import { bookingCalendar } from './calendar';

/** The calendar's lines, with folded (continued) lines joined back. */
function lines(ics: string): string[] {
  return ics.replace(/\r\n[ \t]/g, '').split('\r\n');
}

function field(ics: string, name: string): string | undefined {
  return lines(ics)
    .find((line) => line.startsWith(`${name}:`) || line.startsWith(`${name};`))
    ?.replace(/^[^:]*:/, '');
}

describe('bookingCalendar', () => {
  const stamp = new Date('2030-03-04T10:00:00Z');

  it('describes the session in UTC on the day clocks change (Berlin, 31 March 2030)', () => {
    const ics = bookingCalendar(mailBooking(), MAIL_SETTINGS, {
      method: 'REQUEST',
      sequence: 0,
      attendee: { name: 'Ada Lovelace', email: 'ada@example.com' },
      stamp,
    });

    expect(field(ics, 'METHOD')).toBe('REQUEST');
    expect(field(ics, 'UID')).toBe('6660a0f19b1e8a3d4c5b6a80@expert-booking');
    expect(field(ics, 'SEQUENCE')).toBe('0');
    // 09:00 in Berlin is 07:00 UTC after the change (CEST), not 08:00 as the day before.
    expect(field(ics, 'DTSTART')).toBe('20300331T070000Z');
    expect(field(ics, 'DTEND')).toBe('20300331T080000Z');
    expect(field(ics, 'DTSTAMP')).toBe('20300304T100000Z');
    expect(field(ics, 'STATUS')).toBe('TENTATIVE');
    expect(field(ics, 'SUMMARY')).toBe('Session with Grace Hopper');
    expect(field(ics, 'URL')).toBe(
      'https://booking.example.com/bookings/6660a0f19b1e8a3d4c5b6a80?token=secret-token',
    );
    expect(field(ics, 'ORGANIZER')).toBe('mailto:bookings@booking.example.com');
    expect(field(ics, 'ATTENDEE')).toBe('mailto:ada@example.com');
    expect(field(ics, 'DESCRIPTION')).toContain('09:00–10:00 (Europe/Berlin time)');
    expect(field(ics, 'DESCRIPTION')).toContain('07:00–08:00 UTC');
    expect(lines(ics).filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(1);
  });

  it('keeps the UID and raises the SEQUENCE for a move and for a cancellation', () => {
    const made = bookingCalendar(mailBooking(), MAIL_SETTINGS, { method: 'REQUEST', sequence: 0 });
    const moved = bookingCalendar(mailBooking({ date: '2030-03-30', sequence: 1 }), MAIL_SETTINGS, {
      method: 'REQUEST',
      sequence: 1,
    });
    const cancelled = bookingCalendar(
      mailBooking({ date: '2030-03-30', status: 'Cancelled' }),
      MAIL_SETTINGS,
      { method: 'CANCEL', sequence: 2 },
    );

    expect(new Set([made, moved, cancelled].map((ics) => field(ics, 'UID'))).size).toBe(1);
    expect([made, moved, cancelled].map((ics) => field(ics, 'SEQUENCE'))).toEqual(['0', '1', '2']);
    // The day before the change Berlin is one hour ahead of UTC.
    expect(field(moved, 'DTSTART')).toBe('20300330T080000Z');
    expect(field(cancelled, 'METHOD')).toBe('CANCEL');
    expect(field(cancelled, 'STATUS')).toBe('CANCELLED');
  });

  it('offers a download that asks for no reply', () => {
    const ics = bookingCalendar(mailBooking({ status: 'Confirmed' }), MAIL_SETTINGS, {
      method: 'PUBLISH',
      sequence: 3,
    });
    expect(field(ics, 'METHOD')).toBe('PUBLISH');
    expect(field(ics, 'STATUS')).toBe('CONFIRMED');
    expect(field(ics, 'ATTENDEE')).toBeUndefined();
  });

  describe('keeps what people typed inside its own line', () => {
    const HOSTILE = ['\r', '\n', '\r\n', '\u2028', '\u000b', '\u0085'];
    const stamp = new Date('2030-03-04T10:00:00Z');

    /** Every line of the file is a property of the calendar, none of the attacker's. */
    function expectOnlyCalendarLines(ics: string) {
      expect(ics).not.toMatch(/\r(?!\n)|(?<!\r)\n/);
      const names = lines(ics)
        .filter(Boolean)
        .map((line) => /^[A-Z-]+/.exec(line)?.[0]);
      expect(names).not.toContain('X-INJ');
      expect(names.every((name) => name !== undefined)).toBe(true);
    }

    it.each(HOSTILE)('the booker’s name (attendee CN) with %j', (breaker) => {
      const ics = bookingCalendar(mailBooking(), MAIL_SETTINGS, {
        method: 'REQUEST',
        sequence: 0,
        attendee: { name: `Ada "the" ^Lovelace${breaker}X-INJ:1`, email: 'ada@example.com' },
        stamp,
      });
      expectOnlyCalendarLines(ics);
      const attendee = lines(ics).find((line) => line.startsWith('ATTENDEE'));
      expect(attendee).toMatch(/;CN="Ada \^'the\^' \^\^Lovelace X-INJ:1":mailto:ada@example.com$/);
    });

    it.each(HOSTILE)('the expert’s name (SUMMARY) with %j', (breaker) => {
      const ics = bookingCalendar(
        mailBooking({ expertName: `Grace${breaker}X-INJ:1` }),
        MAIL_SETTINGS,
        { method: 'REQUEST', sequence: 0, stamp },
      );
      expectOnlyCalendarLines(ics);
      expect(field(ics, 'SUMMARY')).toMatch(/^Session with Grace(\\n| )X-INJ:1$/);
    });

    it.each(HOSTILE)('the sender’s name (organizer CN) with %j', (breaker) => {
      const ics = bookingCalendar(
        mailBooking(),
        {
          ...MAIL_SETTINGS,
          organizer: { name: `Bookings${breaker}X-INJ:1`, email: 'b@x.example' },
        },
        { method: 'REQUEST', sequence: 0, stamp },
      );
      expectOnlyCalendarLines(ics);
      expect(lines(ics).find((line) => line.startsWith('ORGANIZER'))).toContain(
        'CN="Bookings X-INJ:1"',
      );
    });

    it.each(HOSTILE)('an address (attendee mailto) with %j: no file at all', (breaker) => {
      expect(() =>
        bookingCalendar(mailBooking(), MAIL_SETTINGS, {
          method: 'REQUEST',
          sequence: 0,
          attendee: { name: 'Ada', email: `ada@example.com${breaker}X-INJ:1` },
          stamp,
        }),
      ).toThrow(/email/);
    });
  });
});
