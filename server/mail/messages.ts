import { DateTime } from 'luxon';

import type { ReminderKind } from '../../shared/schemas/booking-record';
import { formatTimeZone } from '../../shared/format';
import {
  absoluteUrl,
  type AgendaMailData,
  type BookingFacts,
  type BookingMailData,
  type MailSettings,
} from './booking-mail-data';
import { bookingCalendar, type CalendarMethod } from './calendar';
import type { MailAttachment, OutgoingMail } from './outgoing-mail';
import { sessionDay, sessionTime } from './session-time';

const KEEP_PRIVATE =
  'Keep this link to yourself: anyone who has it can change or cancel your booking.';

function signature(settings: MailSettings): string {
  return `${settings.organizer.name}\n${absoluteUrl('/', settings)}`;
}

function whenLines(booking: BookingFacts): string[] {
  const when = sessionTime(booking);
  return [`When: ${when.local}`, `      ${when.utc}`];
}

function statusLine(booking: BookingFacts): string {
  return booking.status === 'Pending'
    ? `Status: Pending (${booking.expertName} will confirm it soon)`
    : `Status: ${booking.status}`;
}

function calendarFile(
  booking: BookingMailData,
  settings: MailSettings,
  method: CalendarMethod,
): MailAttachment {
  return {
    filename: method === 'CANCEL' ? 'cancel.ics' : 'invite.ics',
    contentType: `text/calendar; charset=utf-8; method=${method}`,
    content: bookingCalendar(booking, settings, {
      method,
      sequence: booking.sequence,
      attendee: { name: booking.name, email: booking.to },
    }),
  };
}

/** The deadline for changes, in the expert's zone and in UTC, or that there is none. */
function policyLines(booking: BookingFacts): string[] {
  if (!booking.cancellableUntil) {
    return ['You can cancel or reschedule any time before the session starts.'];
  }
  const at = (zone: string) =>
    DateTime.fromJSDate(booking.cancellableUntil as Date, { zone })
      .setLocale('en-GB')
      .toFormat('ccc d LLL yyyy, HH:mm');
  return [
    `You can cancel or reschedule until ${at(booking.timezone)} ` +
      `(${formatTimeZone(booking.timezone)} time), ${at('utc')} UTC;`,
    'after that, please contact the expert.',
  ];
}

function body(paragraphs: string[][]): string {
  return `${paragraphs.map((lines) => lines.join('\n')).join('\n\n')}\n`;
}

/** A mail that brings a calendar invitation: booked, or moved (the same event, updated). */
function invitationMail(
  booking: BookingMailData,
  settings: MailSettings,
  words: { subject: string; news: string; linkLead: string; calendarNote: string },
): OutgoingMail {
  return {
    to: booking.to,
    subject: words.subject,
    text: body([
      [`Hello ${booking.name},`],
      [words.news],
      [...whenLines(booking), statusLine(booking)],
      [words.linkLead, absoluteUrl(booking.manageUrl, settings), KEEP_PRIVATE],
      policyLines(booking),
      [words.calendarNote],
      [signature(settings)],
    ]),
    attachments: [calendarFile(booking, settings, 'REQUEST')],
  };
}

/** Sent once a booking is made: the details, its private link and a calendar invitation. */
export function bookingMadeMail(booking: BookingMailData, settings: MailSettings): OutgoingMail {
  return invitationMail(booking, settings, {
    subject: `Booked: your session with ${booking.expertName} on ${sessionDay(booking)}`,
    news: `Your session with ${booking.expertName} is booked.`,
    linkLead: 'See, reschedule or cancel your booking:',
    calendarNote: 'The attached calendar file adds the session to your calendar.',
  });
}

/** Sent after a move: the new time, and an update of the same calendar event. */
export function bookingRescheduledMail(
  booking: BookingMailData,
  settings: MailSettings,
): OutgoingMail {
  return invitationMail(booking, settings, {
    subject: `Moved: your session with ${booking.expertName} is now on ${sessionDay(booking)}`,
    news: `Your session with ${booking.expertName} has moved to a new time.`,
    linkLead: 'Your link stays the same:',
    calendarNote: 'The attached calendar file moves the event in your calendar.',
  });
}

const REMINDER_WORDS: Record<ReminderKind, { subject: string; news: string }> = {
  '24h': { subject: 'tomorrow', news: 'starts in 24 hours' },
  '1h': { subject: 'in one hour', news: 'starts in one hour' },
};

/**
 * A reminder before the session: when it is, in the expert's zone and UTC, the private link, and
 * the calendar event again (same UID and revision, so a calendar keeps one entry).
 */
export function bookingReminderMail(
  booking: BookingMailData,
  settings: MailSettings,
  kind: ReminderKind,
): OutgoingMail {
  const words = REMINDER_WORDS[kind];
  return invitationMail(booking, settings, {
    subject: `Reminder: your session with ${booking.expertName} ${words.subject} (${sessionDay(booking)})`,
    news: `A reminder: your session with ${booking.expertName} ${words.news}.`,
    linkLead: 'See, reschedule or cancel your booking:',
    calendarNote:
      'The attached calendar file is the same event as before; your calendar keeps one.',
  });
}

/** The expert's morning mail: the day's sessions in their zone, with UTC beside each. */
export function expertAgendaMail(agenda: AgendaMailData, settings: MailSettings): OutgoingMail {
  const day = DateTime.fromISO(agenda.date, { zone: agenda.timezone })
    .setLocale('en-GB')
    .toFormat('cccc d LLLL yyyy');
  const sessions = agenda.sessions.map((session) => {
    const when = sessionTime(session);
    return [`${session.clientName} (${session.status})`, `  ${when.local}`, `  ${when.utc}`];
  });
  return {
    to: agenda.to,
    subject: `Your sessions on ${day}: ${agenda.sessions.length}`,
    text: body([
      [`Hello ${agenda.expertName},`],
      [`Your sessions today, ${day}:`],
      ...sessions,
      ['See them in the console:', absoluteUrl('/console', settings)],
      [signature(settings)],
    ]),
    attachments: [],
  };
}

/** Sent after a cancellation: what was cancelled, and a file that removes the calendar event. */
export function bookingCancelledMail(
  booking: BookingMailData,
  settings: MailSettings,
): OutgoingMail {
  return {
    to: booking.to,
    subject: `Cancelled: your session with ${booking.expertName} on ${sessionDay(booking)}`,
    text: body([
      [`Hello ${booking.name},`],
      [`Your session with ${booking.expertName} is cancelled.`],
      whenLines(booking).map((line) => line.replace('When:', 'Was: ')),
      ['To book another session:', absoluteUrl('/experts', settings)],
      ['The attached calendar file removes the event from your calendar.'],
      [signature(settings)],
    ]),
    attachments: [calendarFile(booking, settings, 'CANCEL')],
  };
}

/**
 * Sent once a session is marked Completed: how was it? The link opens the booking's page, where
 * the review form waits.
 */
export function reviewInviteMail(booking: BookingMailData, settings: MailSettings): OutgoingMail {
  return {
    to: booking.to,
    subject: `How was your session with ${booking.expertName}?`,
    text: body([
      [`Hello ${booking.name},`],
      [
        `Your session with ${booking.expertName} on ${sessionDay(booking)} is complete. ` +
          'How was it? A rating and a few words help others choose, and only people who had a ' +
          'session can leave one.',
      ],
      ['Leave your review:', absoluteUrl(booking.manageUrl, settings), KEEP_PRIVATE],
      [signature(settings)],
    ]),
    attachments: [],
  };
}

/** The "send me my links" answer: one message with the private link of each coming booking. */
export function bookingLinksMail(
  to: string,
  bookings: readonly BookingFacts[],
  settings: MailSettings,
): OutgoingMail {
  const listed =
    bookings.length === 0
      ? [['You have no coming bookings.']]
      : bookings.map((booking) => [
          `${booking.expertName}`,
          ...whenLines(booking),
          statusLine(booking),
          absoluteUrl(booking.manageUrl, settings),
        ]);
  return {
    to,
    subject: 'Your booking links',
    text: body([
      ['Hello,'],
      [
        'You asked for the links to your coming bookings. Each one opens its booking, where ' +
          'you can reschedule or cancel it.',
      ],
      ...listed,
      [
        'Keep these links to yourself: anyone who has one can change or cancel that booking.',
        'Links sent before keep working. If you did not ask for this e-mail, you can ignore it.',
      ],
      [signature(settings)],
    ]),
    attachments: [],
  };
}

/**
 * The "show me my bookings" answer: a link, valid for 30 minutes and once, that opens the list
 * of the address's bookings in the browser that follows it.
 */
export function bookingListLinkMail(
  to: string,
  listUrl: string,
  settings: MailSettings,
): OutgoingMail {
  return {
    to,
    subject: 'Your bookings list',
    text: body([
      ['Hello,'],
      ['You asked to see the bookings made with this address. Open this link to see them:'],
      [absoluteUrl(listUrl, settings)],
      [
        'The link works once, within 30 minutes, and shows the list in the browser that opens ' +
          'it until that browser is closed.',
        'If you did not ask for this e-mail, you can ignore it: nobody sees your bookings ' +
          'without this link.',
      ],
      [signature(settings)],
    ]),
    attachments: [],
  };
}
