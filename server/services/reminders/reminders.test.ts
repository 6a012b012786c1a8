import fs from 'node:fs/promises';
import path from 'node:path';

import { simpleParser } from 'mailparser';
import { Types } from 'mongoose';
import { pino } from 'pino';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { Booking } from '../../../shared/schemas/booking-record';
import { BookingModel, ExpertAgendaModel, OutboxMessageModel, UserModel } from '../../../models';
import { bookingInput, createExpert, onlyOn } from '../../../test/support/builders';
import { useTestDatabase } from '../../../test/support/database';
import { commandsDuring } from '../../../test/support/model-commands';
import { useMailDir } from '../../../test/support/mail-dir';
import { startSmtpServer } from '../../../test/support/smtp-server';
import { bookingMailThroughOutbox } from '../../mail/booking-mail-outbox';
import { createBookingMailer } from '../../mail/booking-mailer';
import { createOutbox } from '../../mail/outbox';
import { createOutboxWorker, type OutboxWorkerSettings } from '../../mail/outbox-worker';
import {
  createEmlFileTransport,
  createSmtpTransport,
  type MailTransport,
} from '../../mail/transport';
import { startServices, type RunningServices } from '..';
import { createReminderScan, recordReminderOutcome } from '.';
import { reminderMailId, reminderTopic } from './scan';

const db = await useTestDatabase();
const mailDir = useMailDir();
const logger = pino({ level: 'silent' });
const FROM = 'Expert Booking <bookings@test.localhost>';
const START = new Date('2030-03-04T10:00:00Z');
const HOUR = 60 * 60_000;

let now = START;
const clock = () => now;

/** One app instance: its outbox, worker and reminder scan, on the shared database and clock. */
function instance(
  name: string,
  transport: MailTransport = createEmlFileTransport({ mailDir: mailDir.path, from: FROM, logger }),
  settings: Partial<OutboxWorkerSettings> = {},
) {
  const outbox = createOutbox({ onStored: () => {}, clock });
  const mailer = createBookingMailer({
    outbox,
    settings: () => ({
      appUrl: 'http://app.test',
      organizer: { name: 'Expert Booking', email: 'bookings@test.localhost' },
    }),
  });
  const mail = bookingMailThroughOutbox(mailer);
  const worker = createOutboxWorker({
    transport,
    logger,
    clock,
    owner: name,
    onSettled: recordReminderOutcome,
    settings: { retryBaseMs: 1_000, ...settings },
  });
  return { mail, worker, scan: createReminderScan({ mail, clock, logger }) };
}

let app: RunningServices;
let first: ReturnType<typeof instance>;

beforeEach(async () => {
  await db.reset();
  now = START;
  first = instance('first');
  app = await startServices({
    notifier: { slotBooked() {}, slotReleased() {}, availabilityChanged() {} },
    mail: first.mail,
    logger,
    clock,
    reminderScan: { everyMs: 0 },
  });
});
afterEach(() => app.close());
afterAll(() => db.close());

const bookings = {
  create: (input: unknown) => app.services.bookings.create(input),
  get: (id: string) => app.services.bookings.get(id, { by: 'admin' }),
  cancel: (id: string) => app.services.bookings.cancel(id, {}, { by: 'admin' }),
  reschedule: (id: string, target: { date: string; timeSlot: string }) =>
    app.services.bookings.reschedule(id, target, { by: 'admin' }),
};

async function bookOn(timezone: string, date: string, timeSlot = '09:00-10:00') {
  const expert = await createExpert({
    timezone,
    availability: onlyOn([{ date, timeSlots: [timeSlot] }]),
  });
  return bookings.create(bookingInput(expert.id, { date, timeSlot }));
}

const reminderOf = (booking: Booking, kind: '24h' | '1h') =>
  booking.reminders.find((reminder) => reminder.kind === kind);

async function current(booking: { id: string }): Promise<Booking> {
  return bookings.get(booking.id);
}

/** The outbox's reminder messages (a booking's confirmation goes through it too). */
async function reminderMessages() {
  const messages = await OutboxMessageModel.find({}).lean();
  return messages.filter((message) => message.topic?.startsWith('reminder|'));
}

/** The `.eml` files of reminders: what a client would have received. */
async function reminderEmls(): Promise<string[]> {
  const ids = new Set((await reminderMessages()).map((message) => `${message._id.toString()}.eml`));
  return (await mailDir.entries()).filter((name) => ids.has(name));
}

async function emlText(names?: string[]): Promise<string[]> {
  const files = names ?? (await mailDir.entries()).filter((name) => name.endsWith('.eml'));
  return Promise.all(files.map((name) => fs.readFile(path.join(mailDir.path, name), 'utf8')));
}

/** Runs a scan and the worker at `at`, as a running instance would then. */
async function runAt(at: Date, which = first) {
  now = at;
  const stored = await which.scan.runOnce();
  await which.worker.runOnce();
  return stored;
}

describe('reminders go out exactly 24 h and 1 h before the start', () => {
  it.each([
    // Berlin springs forward on 31 March 2030: 09:00 that day is 07:00 UTC, the day before 08:00.
    ['Europe/Berlin', '2030-03-31', '2030-03-31T07:00:00.000Z'],
    // New York springs forward on 10 March 2030: 09:00 that day is 13:00 UTC, the day before 14:00.
    ['America/New_York', '2030-03-10', '2030-03-10T13:00:00.000Z'],
  ])('in %s on the day the clocks change (%s)', async (zone, date, startsAt) => {
    const booking = await bookOn(zone, date);
    expect(booking.startsAt).toBe(startsAt);
    const start = Date.parse(startsAt);
    expect(booking.reminders).toEqual([
      { kind: '24h', sendAt: new Date(start - 24 * HOUR).toISOString(), status: 'scheduled' },
      { kind: '1h', sendAt: new Date(start - HOUR).toISOString(), status: 'scheduled' },
    ]);

    expect(await runAt(new Date(start - 24 * HOUR - 1_000))).toBe(0);
    expect(await reminderEmls()).toEqual([]);
    expect(await runAt(new Date(start - 24 * HOUR))).toBe(1);
    expect(await reminderEmls()).toHaveLength(1);
    expect(reminderOf(await current(booking), '24h')?.status).toBe('sent');
    expect(reminderOf(await current(booking), '1h')?.status).toBe('scheduled');

    expect(await runAt(new Date(start - HOUR - 1_000))).toBe(0);
    expect(await runAt(new Date(start - HOUR))).toBe(1);
    expect(await reminderEmls()).toHaveLength(2);
    expect((await current(booking)).reminders.map((reminder) => reminder.status)).toEqual([
      'sent',
      'sent',
    ]);
  });

  it('carries the manage link, the session in both zones and the calendar event (same UID)', async () => {
    const booking = await bookOn('Europe/Berlin', '2030-03-31');
    await runAt(new Date(Date.parse(booking.startsAt) - HOUR));
    const [raw = ''] = await emlText(await reminderEmls());
    const mail = await simpleParser(raw);
    expect(mail.subject).toMatch(/^Reminder: your session with .* in one hour/);
    expect(mail.text).toMatch(new RegExp(`http://app\\.test/bookings/${booking.id}\\?token=`));
    expect(mail.text).toContain('09:00–10:00 (Europe/Berlin time)');
    expect(mail.text).toContain('07:00–08:00 UTC');
    const [calendar] = mail.attachments;
    expect(calendar?.contentType).toBe('text/calendar');
    expect(calendar?.content.toString('utf8')).toContain(`UID:${booking.id}@expert-booking`);
  });

  it('skips a reminder whose time had passed when the booking was made, and never sends it', async () => {
    // Two and a half hours ahead: the 24 h reminder is already past, the 1 h one is not.
    const soon = await bookOn('UTC', '2030-03-04', '12:30-13:30');
    expect(soon.reminders.map((reminder) => reminder.status)).toEqual(['skipped', 'scheduled']);
    const sooner = await bookOn('UTC', '2030-03-04', '10:30-11:30');
    expect(sooner.reminders.map((reminder) => reminder.status)).toEqual(['skipped', 'skipped']);

    expect(await runAt(new Date('2030-03-04T11:30:00Z'))).toBe(1);
    expect(await reminderEmls()).toHaveLength(1);
    expect((await current(sooner)).reminders.map((reminder) => reminder.status)).toEqual([
      'skipped',
      'skipped',
    ]);
  });

  it('moves with a reschedule: nothing at the old times, both at the new ones', async () => {
    const expert = await createExpert({
      timezone: 'Europe/Berlin',
      availability: onlyOn([
        { date: '2030-03-10', timeSlots: ['09:00-10:00'] },
        { date: '2030-03-12', timeSlots: ['14:00-15:00'] },
      ]),
    });
    const booking = await bookings.create(
      bookingInput(expert.id, { date: '2030-03-10', timeSlot: '09:00-10:00' }),
    );
    const moved = await bookings.reschedule(booking.id, {
      date: '2030-03-12',
      timeSlot: '14:00-15:00',
    });
    expect(moved.reminders).toEqual([
      { kind: '24h', sendAt: '2030-03-11T13:00:00.000Z', status: 'scheduled' },
      { kind: '1h', sendAt: '2030-03-12T12:00:00.000Z', status: 'scheduled' },
    ]);
    expect(await runAt(new Date('2030-03-09T08:00:00Z'))).toBe(0);
    expect(await runAt(new Date('2030-03-10T07:00:00Z'))).toBe(0);
    expect(await runAt(new Date('2030-03-11T13:00:00Z'))).toBe(1);
    expect(await reminderEmls()).toHaveLength(1);
  });

  it('ends with a cancellation: both cancelled, none sent', async () => {
    const booking = await bookOn('UTC', '2030-03-10');
    const cancelled = await bookings.cancel(booking.id);
    expect(cancelled.reminders.map((reminder) => reminder.status)).toEqual([
      'cancelled',
      'cancelled',
    ]);
    expect(await runAt(new Date('2030-03-09T09:00:00Z'))).toBe(0);
    expect(await runAt(new Date('2030-03-10T08:00:00Z'))).toBe(0);
    expect(await reminderEmls()).toEqual([]);
  });

  it('stays with a confirmed booking', async () => {
    const booking = await bookOn('UTC', '2030-03-10');
    const confirmed = await app.services.bookings.changeStatus(
      booking.id,
      { status: 'Confirmed' },
      { by: 'admin' },
    );
    expect(confirmed.reminders).toEqual(booking.reminders);
    expect(await runAt(new Date('2030-03-09T09:00:00Z'))).toBe(1);
    expect(await reminderEmls()).toHaveLength(1);
  });

  it('ends with the session: a completed booking has nothing left to send', async () => {
    const booking = await bookOn('UTC', '2030-03-04', '12:30-13:30');
    now = new Date('2030-03-04T12:31:00Z');
    for (const status of ['Confirmed', 'Completed']) {
      await app.services.bookings.changeStatus(booking.id, { status }, { by: 'admin' });
    }
    expect((await current(booking)).reminders.map((reminder) => reminder.status)).toEqual([
      'skipped',
      'cancelled',
    ]);
    expect(await runAt(new Date('2030-03-04T12:32:00Z'))).toBe(0);
    expect(await reminderEmls()).toEqual([]);
  });

  it('reads older bookings, stored without reminders, as having none', async () => {
    const booking = await bookOn('UTC', '2030-03-10');
    await BookingModel.collection.updateOne(
      { _id: new Types.ObjectId(booking.id) },
      {
        $unset: {
          reminder24h: '',
          reminder1h: '',
          reminder24hMinute: '',
          reminder1hMinute: '',
          cancellableUntil: '',
        },
      },
    );
    expect(await current(booking)).toMatchObject({ reminders: [], cancellableUntil: null });
    expect(await runAt(new Date('2030-03-09T09:00:00Z'))).toBe(0);
  });
});

describe('each reminder is sent once', () => {
  /** One message in the outbox, one file received, and the booking's reminder marked sent. */
  async function expectSentOnce(booking: { id: string }) {
    expect(await reminderMessages()).toHaveLength(1);
    expect(await reminderEmls()).toHaveLength(1);
    expect(reminderOf(await current(booking), '24h')?.status).toBe('sent');
  }

  it('with two app instances scanning and sending at the same moment', async () => {
    const second = instance('second');
    const booking = await bookOn('UTC', '2030-03-10');
    now = new Date('2030-03-09T09:00:10Z');
    await Promise.all([first.scan.runOnce(), second.scan.runOnce()]);
    await Promise.all([first.worker.runOnce(), second.worker.runOnce()]);
    await expectSentOnce(booking);
  });

  it('across a restart between storing the reminder and sending it', async () => {
    const booking = await bookOn('UTC', '2030-03-10');
    // The first instance stores the mail in the outbox, then stops before its worker sends it.
    now = new Date('2030-03-09T09:00:00Z');
    expect(await first.scan.runOnce()).toBe(1);
    // A new process: a scan with no memory of where the last one was, and a new worker.
    const restarted = instance('restarted');
    expect(await runAt(new Date('2030-03-09T09:00:20Z'), restarted)).toBe(0);
    await expectSentOnce(booking);
  });

  it('when a scan stopped after storing the mail but before recording it', async () => {
    const booking = await bookOn('UTC', '2030-03-10');
    now = new Date('2030-03-09T09:00:00Z');
    // What that scan did before it stopped: the mail stored under its fixed id, nothing more.
    const restarted = instance('restarted');
    const sendAt = new Date('2030-03-09T09:00:00Z');
    const topic = reminderTopic(booking.id, '24h', sendAt);
    await restarted.mail.bookingReminder(
      { booking, manageUrl: `/bookings/${booking.id}?token=x`, kind: '24h' },
      { id: reminderMailId(topic), topic },
    );
    expect(await runAt(new Date('2030-03-09T09:00:30Z'), restarted)).toBe(1);
    await expectSentOnce(booking);
  });

  it('at most a minute late when scans come every 15 s', async () => {
    const booking = await bookOn('UTC', '2030-03-10');
    const due = Date.parse('2030-03-09T09:00:00Z');
    const checks = [];
    for (let at = due - 30_000; at <= due + 60_000; at += 15_000) checks.push(at);
    let sentAt: number | undefined;
    for (const at of checks) {
      await runAt(new Date(at));
      if (sentAt === undefined && (await reminderEmls()).length > 0) sentAt = at;
    }
    expect(sentAt).toBeDefined();
    expect(sentAt! - due).toBeGreaterThanOrEqual(0);
    expect(sentAt! - due).toBeLessThan(60_000);
    expect(reminderOf(await current(booking), '24h')?.status).toBe('sent');
  });
});

describe('a failed send', () => {
  it('is retried with backoff through the local SMTP server, then shown as sent', async () => {
    const smtp = await startSmtpServer();
    try {
      const viaSmtp = instance('smtp', createSmtpTransport({ smtpUrl: smtp.url, from: FROM }));
      const booking = await bookOn('UTC', '2030-03-10');
      await viaSmtp.worker.runOnce();
      expect(smtp.received).toHaveLength(1);
      smtp.refuseNext(1);
      await runAt(new Date('2030-03-09T09:00:00Z'), viaSmtp);
      expect(smtp.received).toHaveLength(1);
      expect(reminderOf(await current(booking), '24h')?.status).toBe('scheduled');
      const [message] = await reminderMessages();
      expect(message).toMatchObject({ status: 'queued', attempts: 1 });
      expect(message?.lastError).toMatch(/451/);

      // Not before its backoff (1 s after the first failure here) has passed.
      await runAt(new Date('2030-03-09T09:00:00.500Z'), viaSmtp);
      expect(smtp.received).toHaveLength(1);
      await runAt(new Date('2030-03-09T09:00:01Z'), viaSmtp);
      expect(smtp.received).toHaveLength(2);
      expect(smtp.received[1]?.to).toEqual(['<ada@example.com>']);
      expect(smtp.received[1]?.data).toContain('Reminder: your session');
      expect(reminderOf(await current(booking), '24h')?.status).toBe('sent');
    } finally {
      await smtp.close();
    }
  });

  it('is shown as failed after the last try', async () => {
    const smtp = await startSmtpServer();
    try {
      const viaSmtp = instance('smtp', createSmtpTransport({ smtpUrl: smtp.url, from: FROM }), {
        maxAttempts: 2,
      });
      const booking = await bookOn('UTC', '2030-03-10');
      await viaSmtp.worker.runOnce();
      smtp.refuseNext(2);
      await runAt(new Date('2030-03-09T09:00:00Z'), viaSmtp);
      await runAt(new Date('2030-03-09T09:00:05Z'), viaSmtp);
      expect(smtp.received).toHaveLength(1);
      expect(reminderOf(await current(booking), '24h')?.status).toBe('failed');
      expect(reminderOf(await current(booking), '1h')?.status).toBe('scheduled');
    } finally {
      await smtp.close();
    }
  });
});

describe("the expert's agenda", () => {
  it("goes out once at 07:00 in the expert's zone, listing the day's sessions", async () => {
    const expert = await createExpert({
      timezone: 'America/New_York',
      availability: onlyOn([{ date: '2030-03-10', timeSlots: ['09:00-10:00', '11:00-12:00'] }]),
    });
    await UserModel.create({
      email: 'grace@example.com',
      name: 'Grace',
      role: 'expert',
      expertId: expert._id,
      passwordHash: 'not-a-real-hash',
    });
    await bookings.create(bookingInput(expert.id, { date: '2030-03-10', timeSlot: '09:00-10:00' }));
    await bookings.create(
      bookingInput(expert.id, {
        date: '2030-03-10',
        timeSlot: '11:00-12:00',
        email: 'bob@example.com',
        name: 'Bob',
      }),
    );
    expect(await ExpertAgendaModel.countDocuments()).toBe(1);
    // 07:00 in New York on the day it springs forward is 11:00 UTC (EDT).
    await runAt(new Date('2030-03-10T10:59:59Z'));
    expect((await emlText()).filter((mail) => mail.includes('grace@example.com'))).toEqual([]);
    await runAt(new Date('2030-03-10T11:00:00Z'));
    const agenda = (await emlText()).filter((mail) => mail.includes('To: grace@example.com'));
    expect(agenda).toHaveLength(1);
    expect(agenda[0]).toContain('Ada Lovelace (Pending)');
    expect(agenda[0]).toContain('Bob (Pending)');
    expect((await ExpertAgendaModel.findOne({}).lean())?.status).toBe('sent');
  });

  it('is written by the first booking of a day only, also when another process made it', async () => {
    const expert = await createExpert({
      availability: onlyOn([
        { date: '2030-03-10', timeSlots: ['09:00-10:00', '11:00-12:00', '13:00-14:00'] },
        { date: '2030-03-11', timeSlots: ['09:00-10:00'] },
      ]),
    });
    // Another process made the 10th's agenda: this one's first booking that day finds it.
    await ExpertAgendaModel.create({
      _id: `${expert.id}:2030-03-10`,
      expertId: expert._id,
      date: '2030-03-10',
      sendAt: new Date('2030-03-10T07:00:00Z'),
      status: 'scheduled',
      minute: '2030-03-10T07:00',
    });
    const book = (date: string, timeSlot: string, email: string) =>
      commandsDuring(() => bookings.create(bookingInput(expert.id, { date, timeSlot, email })));

    expect(await book('2030-03-10', '09:00-10:00', 'a@example.com')).toContain(
      'expertagendas.insertOne',
    );
    expect(await book('2030-03-10', '11:00-12:00', 'b@example.com')).not.toContain(
      'expertagendas.insertOne',
    );
    expect(await book('2030-03-11', '09:00-10:00', 'c@example.com')).toContain(
      'expertagendas.insertOne',
    );
    expect(await ExpertAgendaModel.find({}, { _id: 1 }).sort({ _id: 1 }).lean()).toEqual([
      { _id: `${expert.id}:2030-03-10` },
      { _id: `${expert.id}:2030-03-11` },
    ]);
  });
});
