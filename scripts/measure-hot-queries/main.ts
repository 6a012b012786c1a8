/**
 * `npm run measure:hot-queries`: the query shapes of docs/decisions/005 against a large data set,
 * before and after, on the embedded database (or MONGODB_URI). Not a test: it prints a table.
 *
 * Builds its own database in a temporary data folder: MEASURE_EXPERTS experts (default 1,000)
 * with the seed's availability rules, MEASURE_BOOKINGS bookings (default 20,000, 90 % in the past), then
 * times each read MEASURE_RUNS times (default 15) and prints the median and the worst.
 */

import { DateTime } from 'luxon';
import { randomBytes } from 'node:crypto';

import mongoose from 'mongoose';

import { DEFAULT_DAYS_AHEAD, DEFAULT_DAYS_BACK } from '../../shared/schemas/console-bookings';
import { ACTIVE, BookingModel, ExpertModel, insertInChunks, monthOf } from '../../models';
import { createCatalogueReadModel } from '../../server/catalogue/read-model';
import { createServices } from '../../server/services';
import { NOTHING_BOOKED, nextFreeSlot } from '../../server/services/availability';
import { silentNotifier } from '../../server/services/slot-notifier';
import { comingMonths, rulesOf } from '../../server/services/slot-schedule';
import { buildCatalogue } from '../seed/catalogue';
import { openMeasureDatabase, timeRuns, type ReadRow } from '../bench/measure-reads';

const EXPERTS = Number(process.env.MEASURE_EXPERTS ?? 1_000);
const BOOKINGS = Number(process.env.MEASURE_BOOKINGS ?? 20_000);
const PAST_SHARE = 0.9;
const LABELS = Array.from({ length: 10 }, (_, i) => {
  const hour = String(8 + i).padStart(2, '0');
  return `${hour}:00-${String(9 + i).padStart(2, '0')}:00`;
});

const now = new Date();
const measure = await openMeasureDatabase('measure');
const { logger } = measure;

function utcDay(offset: number): string {
  return DateTime.fromJSDate(now, { zone: 'utc' }).plus({ days: offset }).toISODate() ?? '';
}

async function fill(): Promise<{ expertIds: mongoose.Types.ObjectId[]; emails: string[] }> {
  const base = buildCatalogue({ today: now });
  const experts = Array.from({ length: EXPERTS }, (_, i) => {
    const model = base[i % base.length]!;
    return {
      ...model,
      _id: new mongoose.Types.ObjectId(),
      slug: `${model.slug}-${i}`,
      name: `${model.name} ${i}`,
      createdAt: now,
      updatedAt: now,
    };
  });
  await insertInChunks(ExpertModel.collection, experts, { ordered: true });
  const emails = Array.from({ length: BOOKINGS / 10 }, (_, i) => `client${i}@example.com`);
  const bookings = [];
  for (let i = 0; i < BOOKINGS; i++) {
    const expert = experts[i % EXPERTS]!;
    const round = Math.floor(i / EXPERTS);
    // Distinct (expert, day) by construction: past rounds a week apart, spread over months as a
    // marketplace's history is; coming ones within the 13 days ahead.
    const past = i < BOOKINGS * PAST_SHARE;
    const day = past ? -1 - round * 7 : 1 + (round % 13);
    const date = utcDay(day);
    const timeSlot = LABELS[round % LABELS.length]!;
    const startsAt = new Date(`${date}T${timeSlot.slice(0, 5)}:00Z`);
    const endsAt = new Date(`${date}T${timeSlot.slice(6)}:00Z`);
    bookings.push({
      expertId: expert._id,
      expertName: expert.name,
      timezone: 'UTC',
      name: 'Measure Client',
      email: emails[i % emails.length]!,
      phone: '+44 20 7946 0958',
      date,
      month: monthOf(date),
      timeSlot,
      startsAt,
      endsAt,
      heldFrom: startsAt,
      heldUntil: endsAt,
      activeKey: ACTIVE,
      notes: '',
      status: 'Pending',
      idempotencyKey: randomBytes(8).toString('hex'),
      createdAt: now,
      updatedAt: now,
    });
  }
  await insertInChunks(BookingModel.collection, bookings, { ordered: false });
  return { expertIds: experts.map((expert) => expert._id), emails };
}

const filled = Date.now();
const { expertIds, emails } = await fill();
process.stdout.write(
  `${EXPERTS} experts, ${BOOKINGS} bookings (${PAST_SHARE * 100} % past) written in ${((Date.now() - filled) / 1000).toFixed(1)} s\n`,
);

const today = utcDay(0);
const pageIds = expertIds.slice(0, 10);
const one = expertIds[0]!;
const oneExpert = await ExpertModel.findById(one).lean().orFail();
const months = comingMonths(rulesOf(oneExpert), now);
const readModel = createCatalogueReadModel({ clock: () => now });
const pageExperts = await ExpertModel.find({ _id: { $in: pageIds } }).lean();
await readModel.rebuild();
const { consoleBookings } = createServices({
  notifier: silentNotifier,
  catalogue: {
    list: readModel.list,
    has: readModel.has,
    expert: readModel.expert,
    load: () => undefined,
    notifier: silentNotifier,
  },
  logger,
  clock: () => now,
});
// The console's default range (a week back, 60 days ahead), read as the months it touches.
const consoleMonths = [
  ...new Set(
    Array.from({ length: DEFAULT_DAYS_BACK + DEFAULT_DAYS_AHEAD + 1 }, (_, i) =>
      monthOf(utcDay(i - DEFAULT_DAYS_BACK)),
    ),
  ),
];

const rows: ReadRow[] = [
  [
    'list page (10 of all)',
    'before: countDocuments + find sort skip limit',
    await timeRuns(() =>
      Promise.all([
        ExpertModel.countDocuments({}),
        ExpertModel.find({}).sort({ rating: -1, name: 1, _id: 1 }).limit(10).lean(),
      ]),
    ),
  ],
  [
    'list page: taken slots',
    'before: {expertId: {$in: 10}, date: {$gte}}',
    await timeRuns(() =>
      BookingModel.find({ expertId: { $in: pageIds }, date: { $gte: today } }).lean(),
    ),
  ],
  [
    'list page: catalogue rebuild',
    'after: experts + {month} per coming month',
    await timeRuns(() => readModel.rebuild()),
  ],
  [
    'list page (10 of all)',
    'after: read model in memory',
    await timeRuns(() =>
      readModel.list({ page: 1, limit: 10, search: undefined, category: undefined }),
    ),
  ],
  [
    'list page, search',
    'after: read model in memory',
    await timeRuns(() => readModel.list({ page: 1, limit: 10, search: 'an', category: undefined })),
  ],
  [
    'expert page: bookings',
    'before: {expertId, date: {$gte}}',
    await timeRuns(() => BookingModel.find({ expertId: one, date: { $gte: today } }).lean()),
  ],
  [
    'expert page: bookings',
    `after: {expertId, month} x ${months.length}`,
    await timeRuns(() =>
      Promise.all(months.map((month) => BookingModel.find({ expertId: one, month }).lean())),
    ),
  ],
  ['expert page: profile', 'findById', await timeRuns(() => ExpertModel.findById(one).lean())],
  [
    'console: every expert (default range)',
    'before: {month} x ' + consoleMonths.length + ', all of them sorted',
    await timeRuns(() =>
      Promise.all(consoleMonths.map((month) => BookingModel.find({ month }).lean())),
    ),
  ],
  [
    'console: every expert, page 1',
    'after: {date} per day from today, as far as the page needs',
    await timeRuns(() => consoleBookings.list({ role: 'admin' }, {})),
  ],
  [
    'console: every expert, page 5',
    'after: {date} per day from today, as far as the page needs',
    await timeRuns(() => consoleBookings.list({ role: 'admin' }, { page: '5' })),
  ],
  [
    'console: one expert, page 1',
    'after: {expertId, month} per month, sorted here',
    await timeRuns(() => consoleBookings.list({ role: 'expert', expertId: one.toString() }, {})),
  ],
  [
    'bookings by email',
    'before: {email} sorted by the server',
    await timeRuns(() =>
      BookingModel.find({ email: emails[3] }).sort({ startsAt: 1, _id: 1 }).lean(),
    ),
  ],
  [
    'bookings by email',
    'after: {email}, sorted here',
    await timeRuns(async () => {
      const found = await BookingModel.find({ email: emails[3] }).lean();
      return found.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    }),
  ],
  [
    'next free slot of 10 experts (CPU)',
    'rules: nextFreeSlot',
    await timeRuns(() =>
      pageExperts.forEach((expert) => nextFreeSlot(rulesOf(expert), now, NOTHING_BOOKED)),
    ),
  ],
];

measure.print(rows);
await measure.close();
