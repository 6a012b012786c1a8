import { describe, expect, it } from 'vitest';

import { MAIL_SETTINGS, mailBooking } from '../../test/support/mail-booking';
import {
  bookingCancelledMail,
  bookingLinksMail,
  bookingListLinkMail,
  bookingMadeMail,
  bookingReminderMail,
  bookingRescheduledMail,
  reviewInviteMail,
} from './messages';
import { OutgoingMailSchema } from './outgoing-mail';

const MANAGE_LINK =
  'https://booking.example.com/bookings/6660a0f19b1e8a3d4c5b6a80?token=secret-token';

/**
 * The mail carries the booking's one calendar event (its UID never changes) as `method`, at
 * `sequence`; answers the calendar's text.
 */
function expectInvite(
  mail: ReturnType<typeof bookingMadeMail>,
  method: 'REQUEST' | 'CANCEL',
  sequence: number,
): string {
  const [calendar] = mail.attachments ?? [];
  expect(calendar?.filename).toBe(method === 'CANCEL' ? 'cancel.ics' : 'invite.ics');
  expect(calendar?.contentType).toBe(`text/calendar; charset=utf-8; method=${method}`);
  expect(calendar?.content).toContain(`METHOD:${method}`);
  expect(calendar?.content).toContain('UID:6660a0f19b1e8a3d4c5b6a80@expert-booking');
  expect(calendar?.content).toContain(`SEQUENCE:${sequence}`);
  return calendar?.content ?? '';
}

describe('booking mails', () => {
  it('booking made: the time in the expert zone (named) and in UTC, the link and an invitation', () => {
    const mail = bookingMadeMail(mailBooking(), MAIL_SETTINGS);

    expect(OutgoingMailSchema.safeParse(mail).success).toBe(true);
    expect(mail.to).toBe('ada@example.com');
    expect(mail.subject).toBe('Booked: your session with Grace Hopper on Sun 31 Mar 2030, 09:00');
    expect(mail.text).toContain('Hello Ada Lovelace,');
    expect(mail.text).toContain('Sunday, 31 March 2030, 09:00–10:00 (Europe/Berlin time)');
    expect(mail.text).toContain('Sunday, 31 March 2030, 07:00–08:00 UTC');
    expect(mail.text).toContain('Status: Pending (Grace Hopper will confirm it soon)');
    expect(mail.text).toContain(MANAGE_LINK);
    expectInvite(mail, 'REQUEST', 0);
  });

  it('booking made: states the cancellation deadline in both zones, or that there is none', () => {
    const noticed = bookingMadeMail(
      mailBooking({ cancellableUntil: new Date('2030-03-30T07:00:00Z') }),
      MAIL_SETTINGS,
    );
    expect(noticed.text).toContain(
      'You can cancel or reschedule until Sat 30 Mar 2030, 08:00 (Europe/Berlin time), ' +
        'Sat 30 Mar 2030, 07:00 UTC;\nafter that, please contact the expert.',
    );
    expect(bookingMadeMail(mailBooking(), MAIL_SETTINGS).text).toContain(
      'You can cancel or reschedule any time before the session starts.',
    );
  });

  it('reminder: when, both zones, the link and the same calendar event', () => {
    const mail = bookingReminderMail(mailBooking({ sequence: 2 }), MAIL_SETTINGS, '24h');
    expect(mail.subject).toBe(
      'Reminder: your session with Grace Hopper tomorrow (Sun 31 Mar 2030, 09:00)',
    );
    expect(mail.text).toContain('A reminder: your session with Grace Hopper starts in 24 hours.');
    expect(mail.text).toContain('Sunday, 31 March 2030, 09:00–10:00 (Europe/Berlin time)');
    expect(mail.text).toContain('Sunday, 31 March 2030, 07:00–08:00 UTC');
    expect(mail.text).toContain(MANAGE_LINK);
    expectInvite(mail, 'REQUEST', 2);
  });

  it('names the UTC day when it differs from the expert day (Los Angeles, evening)', () => {
    const mail = bookingMadeMail(
      mailBooking({ timezone: 'America/Los_Angeles', date: '2030-03-10', timeSlot: '18:00-19:00' }),
      MAIL_SETTINGS,
    );
    // 10 March 2030 is the first day of daylight saving time in the US: UTC−7.
    expect(mail.text).toContain('Sunday, 10 March 2030, 18:00–19:00 (America/Los Angeles time)');
    expect(mail.text).toContain('Monday, 11 March 2030, 01:00–02:00 UTC');
  });

  it('review invite: asks how the session was, with the link to the review form', () => {
    const mail = reviewInviteMail(mailBooking({ status: 'Completed' }), MAIL_SETTINGS);

    expect(OutgoingMailSchema.safeParse(mail).success).toBe(true);
    expect(mail.subject).toBe('How was your session with Grace Hopper?');
    expect(mail.text).toContain('Your session with Grace Hopper on Sun 31 Mar 2030, 09:00');
    expect(mail.text).toContain(`Leave your review:\n${MANAGE_LINK}`);
    expect(mail.attachments).toEqual([]);
  });

  it('rescheduled: the new time, the same link, an update of the same event', () => {
    const mail = bookingRescheduledMail(
      mailBooking({ date: '2030-04-02', timeSlot: '14:00-15:00', sequence: 1 }),
      MAIL_SETTINGS,
    );
    expect(mail.subject).toBe(
      'Moved: your session with Grace Hopper is now on Tue 2 Apr 2030, 14:00',
    );
    expect(mail.text).toContain('Tuesday, 2 April 2030, 14:00–15:00 (Europe/Berlin time)');
    expect(mail.text).toContain('Tuesday, 2 April 2030, 12:00–13:00 UTC');
    expect(mail.text).toContain(MANAGE_LINK);
    expect(expectInvite(mail, 'REQUEST', 1)).toContain('DTSTART:20300402T120000Z');
  });

  it('cancelled: what was cancelled, and a CANCEL of the same event', () => {
    const mail = bookingCancelledMail(
      mailBooking({ status: 'Cancelled', sequence: 2 }),
      MAIL_SETTINGS,
    );
    expect(mail.subject).toBe(
      'Cancelled: your session with Grace Hopper on Sun 31 Mar 2030, 09:00',
    );
    expect(mail.text).toContain('is cancelled');
    expect(mail.text).toContain('Sunday, 31 March 2030, 07:00–08:00 UTC');
    expect(mail.text).not.toContain(MANAGE_LINK);
    expectInvite(mail, 'CANCEL', 2);
  });

  it('my links: one message listing the link of each coming booking', () => {
    const first = mailBooking();
    const second = mailBooking({
      bookingId: '6660a0f19b1e8a3d4c5b6a81',
      expertName: 'Alan Turing',
      timezone: 'Asia/Tokyo',
      date: '2030-04-01',
      status: 'Confirmed',
      manageUrl: '/bookings/6660a0f19b1e8a3d4c5b6a81?token=other-token',
    });
    const mail = bookingLinksMail('ada@example.com', [first, second], MAIL_SETTINGS);

    expect(OutgoingMailSchema.safeParse(mail).success).toBe(true);
    expect(mail.subject).toBe('Your booking links');
    expect(mail.attachments).toEqual([]);
    expect(mail.text).toContain(MANAGE_LINK);
    expect(mail.text).toContain(
      'https://booking.example.com/bookings/6660a0f19b1e8a3d4c5b6a81?token=other-token',
    );
    expect(mail.text).toContain('Monday, 1 April 2030, 09:00–10:00 (Asia/Tokyo time)');
    expect(mail.text).toContain('Monday, 1 April 2030, 00:00–01:00 UTC');
    expect(mail.text.indexOf('Grace Hopper')).toBeLessThan(mail.text.indexOf('Alan Turing'));
  });

  it('my list: one link that opens the list, made absolute, and no booking in it', () => {
    const mail = bookingListLinkMail(
      'ada@example.com',
      '/bookings/open?token=list-token',
      MAIL_SETTINGS,
    );

    expect(OutgoingMailSchema.safeParse(mail).success).toBe(true);
    expect(mail.to).toBe('ada@example.com');
    expect(mail.subject).toBe('Your bookings list');
    expect(mail.attachments).toEqual([]);
    expect(mail.text).toContain('https://booking.example.com/bookings/open?token=list-token');
    expect(mail.text).toContain('30 minutes');
  });
});
