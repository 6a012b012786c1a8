/**
 * `npm run measure:reminder-scan`: what one pass of the reminder scan reads, against a grown
 * bookings collection, on the embedded database (or MONGODB_URI). Not a test: it prints a table.
 *
 * Builds its own database in a temporary data folder with MEASURE_BOOKINGS bookings (default
 * 20,000: 90 % in the past, their reminders sent; the rest with both reminders waiting, spread
 * over the coming 60 days), then times each read MEASURE_RUNS times (default 15) and prints the
 * median and the worst: the scan's per-minute equalities against the full read it replaces.
 */

import { randomBytes } from 'node:crypto';

import mongoose from 'mongoose';

import { BookingModel, ExpertAgendaModel, insertInChunks, monthOf } from '../../models';
import { noBookingMail } from '../../server/services/booking-mail';
import { bookingsToRemindIn } from '../../server/services/bookings/booking-store';
import { createReminderScan } from '../../server/services/reminders';
import { agendasDueIn } from '../../server/services/reminders/agenda-store';
import { minuteOf, planReminders, reminderWrite } from '../../server/services/reminders/plan';
import { openMeasureDatabase, timeRuns, type ReadRow } from '../bench/measure-reads';

const BOOKINGS = Number(process.env.MEASURE_BOOKINGS ?? 20_000);
const PAST_SHARE = 0.9;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const now = new Date(Math.floor(Date.now() / MINUTE) * MINUTE);
const measure = await openMeasureDatabase('reminders');
const { logger } = measure;

/** Bookings on the hour, one expert each per hour so no two collide; reminders as planned. */
async function fill(): Promise<void> {
  const experts = Array.from({ length: 50 }, () => new mongoose.Types.ObjectId());
  const bookings = [];
  for (let i = 0; i < BOOKINGS; i++) {
    const past = i < BOOKINGS * PAST_SHARE;
    const hour = Math.floor(i / experts.length);
    const startsAt = past
      ? new Date(now.getTime() - (1 + (hour % (365 * 24))) * 60 * MINUTE)
      : new Date(now.getTime() + 2 * DAY + (hour % (58 * 24)) * 60 * MINUTE);
    const plan = planReminders(startsAt, new Date(startsAt.getTime() - 30 * DAY));
    const stored = past
      ? {
          reminder24h: { ...plan.reminder24h, status: 'sent' as const },
          reminder1h: { ...plan.reminder1h, status: 'sent' as const },
        }
      : plan;
    const date = startsAt.toISOString().slice(0, 10);
    bookings.push({
      expertId: experts[i % experts.length]!,
      expertName: 'Measure Expert',
      timezone: 'UTC',
      name: 'Measure Client',
      email: `client${i % 2_000}@example.com`,
      phone: '+44 20 7946 0958',
      date,
      month: monthOf(date),
      timeSlot: `${startsAt.toISOString().slice(11, 16)}-${new Date(startsAt.getTime() + 60 * MINUTE).toISOString().slice(11, 16)}`,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 60 * MINUTE),
      heldFrom: startsAt,
      heldUntil: new Date(startsAt.getTime() + 60 * MINUTE),
      notes: '',
      status: past ? 'Completed' : 'Pending',
      activeKey: past ? `done-${i}` : 'active',
      idempotencyKey: randomBytes(8).toString('hex'),
      ...reminderWrite(stored).set,
      createdAt: now,
      updatedAt: now,
    });
  }
  await insertInChunks(BookingModel.collection, bookings, { ordered: false });
}

const filled = Date.now();
await BookingModel.createCollection();
await BookingModel.createIndexes();
await ExpertAgendaModel.createCollection();
await ExpertAgendaModel.createIndexes();
await fill();
process.stdout.write(
  `${BOOKINGS} bookings (${PAST_SHARE * 100} % past) written in ${((Date.now() - filled) / 1000).toFixed(1)} s\n`,
);

// A minute with reminders in it: the 24 h reminder of the first coming booking.
const busyMinute = minuteOf(new Date(now.getTime() + DAY));
const quietMinute = minuteOf(new Date(now.getTime() + 90 * DAY));
const scan = createReminderScan({ mail: noBookingMail, clock: () => now, logger });

const rows: ReadRow[] = [
  [
    'one minute, reminders due',
    '{reminder24hMinute}, {reminder1hMinute}',
    await timeRuns(() => bookingsToRemindIn(busyMinute)),
  ],
  [
    'one minute, nothing due',
    '{reminder24hMinute}, {reminder1hMinute}',
    await timeRuns(() => bookingsToRemindIn(quietMinute)),
  ],
  ['one minute of agendas', '{minute}', await timeRuns(() => agendasDueIn(busyMinute))],
  [
    'a scan pass (no gap)',
    'the current minute: 3 equalities',
    await timeRuns(() => scan.runOnce()),
  ],
  [
    'instead: every waiting reminder',
    'find({}) then filter in memory',
    await timeRuns(async () => {
      const all = await BookingModel.find({}).lean();
      return all.filter((booking) => booking.reminder24hMinute === busyMinute);
    }),
  ],
  [
    'instead: a range on sendAt',
    "{'reminder24h.sendAt': {$lte: now}}",
    await timeRuns(() => BookingModel.find({ 'reminder24h.sendAt': { $lte: now } }).lean()),
  ],
];

measure.print(rows);
await measure.close();
