import { randomUUID } from 'node:crypto';

import mongoose from 'mongoose';

import { earliestToday } from '../../server/services/slot-time';
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
  /** The database work the call needs, done the plainest way with the driver. */
  driver: () => Promise<unknown>;
}

export const SEARCH = 'mar';
export const CATEGORY = 'Design';
/** Booking runs take slots that start at least this late, so none starts during the run. */
const BOOKABLE_AFTER_MS = 3_600_000;
/** Clients who book during the runs are numbered apart from the data set's and each other. */
const FIRST_BOOKER = 1_000_000;
const FIRST_RACER = 2_000_000;

function rotate<T>(items: readonly T[]): () => T {
  let next = 0;
  return () => items[next++ % items.length]!;
}

/** One page of the list: count, sort and page, then the coming bookings of the page's experts. */
function listReads(db: Db, filter: object, now: Date) {
  return async () => {
    const experts = db.collection('experts');
    const [, page] = await Promise.all([
      experts.countDocuments(filter),
      experts.find(filter).sort({ rating: -1, name: 1, _id: 1 }).limit(10).toArray(),
    ]);
    return db
      .collection('bookings')
      .find(
        { expertId: { $in: page.map((expert) => expert._id) }, date: { $gte: earliestToday(now) } },
        { projection: { expertId: 1, date: 1, timeSlot: 1 } },
      )
      .toArray();
  };
}

/** One expert, then its coming bookings. */
function expertReads(db: Db, nextId: () => string, now: Date) {
  return async () => {
    const id = new mongoose.Types.ObjectId(nextId());
    await db.collection('experts').findOne({ _id: id });
    return db
      .collection('bookings')
      .find(
        { expertId: id, date: { $gte: earliestToday(now) } },
        { projection: { date: 1, timeSlot: 1 } },
      )
      .toArray();
  };
}

/** The expert's name and slots, then the insert the unique index judges. */
function bookingWrites(db: Db, nextSlot: () => SlotRef, nextBooker: () => number) {
  return async () => {
    const slot = nextSlot();
    const expertId = new mongoose.Types.ObjectId(slot.expertId);
    const expert = await db
      .collection('experts')
      .findOne({ _id: expertId }, { projection: { name: 1, timezone: 1, availability: 1 } });
    const at = new Date();
    return db.collection('bookings').insertOne({
      ...slot,
      expertId,
      expertName: expert?.name,
      timezone: expert?.timezone,
      ...benchClient(nextBooker()),
      notes: '',
      status: 'Pending',
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
  const slot = freeSlots(dataset);
  const booker = bookers(FIRST_BOOKER);
  const search = `/api/experts?search=${SEARCH}`;
  const category = `/api/experts?category=${encodeURIComponent(CATEGORY)}`;
  return [
    {
      name: 'GET /api/experts (first page)',
      kind: 'list',
      expectedStatus: 200,
      http: get(() => '/api/experts'),
      driver: listReads(db, {}, now),
    },
    {
      name: `GET /api/experts?search=${SEARCH}`,
      kind: 'list',
      expectedStatus: 200,
      http: get(() => search),
      driver: listReads(db, { name: { $regex: SEARCH, $options: 'i' } }, now),
    },
    {
      name: `GET /api/experts?category=${CATEGORY}`,
      kind: 'list',
      expectedStatus: 200,
      http: get(() => category),
      driver: listReads(db, { category: CATEGORY }, now),
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
      driver: listReads(db, {}, now),
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
      expectedStatus: 200,
      http: get(() => `/api/bookings?email=${encodeURIComponent(email())}`),
      driver: () =>
        db.collection('bookings').find({ email: email() }).sort({ startsAt: 1, _id: 1 }).toArray(),
    },
    {
      name: 'POST /api/bookings (distinct free slots)',
      kind: 'other',
      expectedStatus: 201,
      http: {
        method: 'POST',
        next: () => ({ path: '/api/bookings', body: bookingBody(slot(), booker()) }),
      },
      driver: bookingWrites(db, slot, booker),
    },
  ];
}
