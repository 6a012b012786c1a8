import { createHash, randomUUID } from 'node:crypto';

import { DateTime } from 'luxon';
import mongoose from 'mongoose';

import { ACTIVE, monthOf } from '../../models';
import { checkSlot, spanOf } from '../../server/services/availability';
import { HOLDING_FIELDS, monthsAround } from '../../server/services/bookings/occupancy-store';
import {
  rulesOf,
  slotWindow,
  windowDays,
  type ScheduleSource,
} from '../../server/services/slot-schedule';
import { benchClient, type SlotRef } from './bookings';
import type { Dataset } from './dataset';
import type { CallKind } from './goals';
import type { HttpCall } from './load';

type Db = mongoose.mongo.Db;

export interface BenchCall {
  name: string;
  kind: CallKind;
  expectedStatus: number;
  http: HttpCall;
  /**
   * The database work the call needs, done the plainest way with the driver. None for the list:
   * the app serves it from memory (the catalogue read model), so a request does no database work.
   * Doing per request what the model's rebuild reads (every expert, every coming month's
   * bookings) at 50 clients wedged the embedded FerretDB for the rest of the run.
   */
  driver?: () => Promise<unknown>;
}

export const SEARCH = 'mar';
export const CATEGORY = 'Design';
/** The viewer of the availability rows: the day asked about is tomorrow in their zone. */
export const VIEWER_ZONE = 'America/New_York';
/** Booking runs take slots that start at least this late, so none starts during the run. */
const BOOKABLE_AFTER_MS = 3_600_000;
/** Clients who book during the runs are numbered apart from the data set's and each other. */
const FIRST_BOOKER = 1_000_000;
const FIRST_RACER = 2_000_000;
const FIRST_DRIVER_BOOKER = 3_000_000;

function rotate<T>(items: readonly T[]): () => T {
  let next = 0;
  return () => items[next++ % items.length]!;
}

/** One expert by `_id`, then the held time of its window's months by `{ expertId, month, activeKey }`, as the app reads it. */
function expertReads(db: Db, nextId: () => string, now: Date) {
  return async () => {
    const id = new mongoose.Types.ObjectId(nextId());
    const expert = await db.collection('experts').findOne({ _id: id });
    if (!expert) throw new Error(`Expert ${id.toString()} is missing.`);
    const rules = rulesOf(expert as unknown as ScheduleSource);
    const { first, last } = windowDays(slotWindow(rules, {}, now));
    return Promise.all(
      monthsAround(first, last).map((month) =>
        db
          .collection('bookings')
          .find({ expertId: id, month, activeKey: ACTIVE }, { projection: HOLDING_FIELDS })
          .toArray(),
      ),
    );
  };
}

/** The expert by `_id` and its rules' verdict on the slot, then the insert the unique index judges. */
function bookingWrites(db: Db, nextSlot: () => SlotRef, nextBooker: () => number) {
  return async () => {
    const slot = nextSlot();
    const expertId = new mongoose.Types.ObjectId(slot.expertId);
    const expert = await db
      .collection('experts')
      .findOne({ _id: expertId }, { projection: { name: 1, timezone: 1, availability: 1 } });
    if (!expert) throw new Error(`Expert ${slot.expertId} is missing.`);
    const at = new Date();
    const rules = rulesOf(expert as unknown as ScheduleSource);
    const check = checkSlot(rules, slot.date, slot.timeSlot, at);
    if ('problem' in check) throw new Error(`Slot ${slot.date} ${slot.timeSlot}: ${check.problem}`);
    const held = spanOf(rules, check);
    // In the app's shape, held time included: the app's read model reads these bookings too.
    return db.collection('bookings').insertOne({
      ...slot,
      expertId,
      expertName: expert.name,
      timezone: expert.timezone,
      ...benchClient(nextBooker()),
      month: monthOf(slot.date),
      startsAt: check.startsAt,
      endsAt: check.endsAt,
      heldFrom: new Date(held.from),
      heldUntil: new Date(held.until),
      notes: '',
      status: 'Pending',
      activeKey: ACTIVE,
      manageTokenHashes: [createHash('sha256').update(randomUUID()).digest('hex')],
      history: [],
      idempotencyKey: randomUUID(),
      createdAt: at,
      updatedAt: at,
    });
  };
}

/** A free coming slot for every request, app's and driver's alike. */
function freeSlots(dataset: Dataset): () => SlotRef {
  return () => dataset.picker.take('coming', new Date(Date.now() + BOOKABLE_AFTER_MS));
}

function bookers(first: number): () => number {
  let next = first;
  return () => next++;
}

function bookingBody(slot: SlotRef, booker: number) {
  return {
    expertId: slot.expertId,
    date: slot.date,
    timeSlot: slot.timeSlot,
    ...benchClient(booker),
  };
}

/** Every request books another free slot, for another client. */
export function bookingCall(dataset: Dataset): HttpCall {
  const slot = freeSlots(dataset);
  const booker = bookers(FIRST_BOOKER);
  return {
    method: 'POST',
    next: () => ({ path: '/api/bookings', body: bookingBody(slot(), booker()) }),
  };
}

/** Every request books the same free slot, each for another client. */
export function raceCall(dataset: Dataset): HttpCall {
  const slot = freeSlots(dataset)();
  const booker = bookers(FIRST_RACER);
  return {
    method: 'POST',
    next: () => ({ path: '/api/bookings', body: bookingBody(slot, booker()) }),
  };
}

/** The calls measured for requests/s and latency, in the order they run. */
export function benchCalls(dataset: Dataset, db: Db, now: Date): BenchCall[] {
  const get = (path: () => string): HttpCall => ({ method: 'GET', next: () => ({ path: path() }) });
  const expertId = rotate(dataset.expertIds);
  const email = rotate(dataset.emails);
  const search = `/api/experts?search=${SEARCH}`;
  const category = `/api/experts?category=${encodeURIComponent(CATEGORY)}`;
  const tomorrow = DateTime.fromJSDate(now, { zone: VIEWER_ZONE }).plus({ days: 1 }).toISODate();
  const freeTomorrow = `availableOn=${tomorrow}&tz=${encodeURIComponent(VIEWER_ZONE)}`;
  const freeEvening = `${freeTomorrow}&part=evening&sort=nextAvailable`;
  return [
    {
      name: 'GET /api/experts (first page)',
      kind: 'list',
      expectedStatus: 200,
      http: get(() => '/api/experts'),
    },
    {
      name: `GET /api/experts?search=${SEARCH}`,
      kind: 'list',
      expectedStatus: 200,
      http: get(() => search),
    },
    {
      name: `GET /api/experts?category=${CATEGORY}`,
      kind: 'list',
      expectedStatus: 200,
      http: get(() => category),
    },
    {
      name: 'GET /api/experts?availableOn= (tomorrow, viewer in New York)',
      kind: 'list',
      expectedStatus: 200,
      http: get(() => `/api/experts?${freeTomorrow}`),
    },
    {
      name: 'GET /api/experts?availableOn=&part=evening&sort=nextAvailable',
      kind: 'list',
      expectedStatus: 200,
      http: get(() => `/api/experts?${freeEvening}`),
    },
    {
      name: 'GET /api/experts/:id',
      kind: 'expert',
      expectedStatus: 200,
      http: get(() => `/api/experts/${expertId()}`),
      driver: expertReads(db, expertId, now),
    },
    {
      name: 'page /experts',
      kind: 'page',
      expectedStatus: 200,
      http: get(() => '/experts'),
    },
    {
      name: 'page /experts?availableOn=&part=evening',
      kind: 'page',
      expectedStatus: 200,
      http: get(() => `/experts?${freeEvening}`),
    },
    {
      name: 'page /experts/:id',
      kind: 'page',
      expectedStatus: 200,
      http: get(() => `/experts/${expertId()}`),
      driver: expertReads(db, expertId, now),
    },
    {
      name: 'GET /api/bookings?email=',
      kind: 'other',
      // Without proof of the address the answer is 401, after the same read and token checks as
      // a list (so its time does not tell whether the address has bookings).
      expectedStatus: 401,
      http: get(() => `/api/bookings?email=${encodeURIComponent(email())}`),
      // `{ email }` equality, sorted in the process as the service does.
      driver: async () =>
        (await db.collection('bookings').find({ email: email() }).toArray()).sort(
          (a, b) => (a.startsAt as Date).getTime() - (b.startsAt as Date).getTime(),
        ),
    },
    {
      name: 'POST /api/bookings (distinct free slots)',
      kind: 'other',
      expectedStatus: 201,
      http: bookingCall(dataset),
      driver: bookingWrites(db, freeSlots(dataset), bookers(FIRST_DRIVER_BOOKER)),
    },
  ];
}
