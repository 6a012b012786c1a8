import { setTimeout as sleep } from 'node:timers/promises';

import { DateTime } from 'luxon';
import { inject } from 'vitest';

import { ACTIVE, BookingModel, TimeHoldModel } from '../../models';
import { holdIdsOf } from '../../server/services/bookings/hold-store';
import { callApi } from '../support/api-server';
import { startAppProcess, type AppProcess } from '../../harness';
import { bookingInput, createExpert, slotLabel, weeklyHours } from '../support/builders';
import { useTestDatabase, type TestDatabase } from '../support/database';
import { reportFaultCounts } from '../support/fault-report';

// The app as `npm start` runs it is killed outright (SIGKILL of its process group) while a burst
// of bookings over overlapping offers is in flight, again and again, on one database. Needs
// `npm run build`. On the real clock: the bookings are three days ahead on days open all day.

const ROUNDS = 8;
/** How long each round's burst runs before the kill, so kills land in different writes. */
const KILL_AFTER_MS = [40, 80, 120, 160, 220, 300, 400, 550];
const BURST = 40;
const SWEEP_AFTER_MS = 1_000;
const DAY = DateTime.utc().plus({ days: 3 }).toISODate()!;
let db: TestDatabase;
let uri: string;
let app: AppProcess | undefined;

beforeAll(async () => {
  db = await useTestDatabase();
  const url = new URL(inject('mongodbUri'));
  url.pathname = `/${db.dbName}`;
  uri = url.toString();
});
afterAll(async () => {
  await app?.stop();
  await db?.close();
});

/** The bookings whose holds are not all there: must stay empty whatever is killed when. */
async function activeWithoutHolds(expertId: string): Promise<string[]> {
  const active = await BookingModel.find({ expertId, activeKey: ACTIVE }).lean();
  const missing: string[] = [];
  for (const booking of active) {
    const held = await TimeHoldModel.find({ bookingId: booking._id }, { _id: 1 }).lean();
    const have = new Set(held.map((hold) => hold._id));
    if (!holdIdsOf(booking).every((id) => have.has(id))) missing.push(booking._id.toString());
  }
  return missing;
}

/** Holds that no active booking of this expert accounts for. */
async function orphanHolds(expertId: string): Promise<string[]> {
  const active = await BookingModel.find({ expertId, activeKey: ACTIVE }).lean();
  const owned = new Map(
    active.map((booking) => [booking._id.toString(), new Set(holdIdsOf(booking))]),
  );
  const holds = await TimeHoldModel.find({ expertId }).lean();
  return holds
    .filter((hold) => {
      const own = owned.get(hold.bookingId.toString());
      return !own || !(own.has(hold._id) || hold._id.startsWith('a:') || hold.mark);
    })
    .map((hold) => hold._id);
}

describe('killing the app in the middle of bookings', () => {
  it(
    'never leaves a booking without its holds, and the sweep frees the time of holds without a booking',
    { timeout: 180_000 },
    async () => {
      const expert = await createExpert({
        timezone: 'UTC',
        availability: {
          sessionMinutes: 60,
          extraSessionMinutes: [30],
          startEveryMinutes: 15,
          bufferAfterMinutes: 15,
          horizonDays: 30,
          weeklyHours: weeklyHours([{ start: '00:00', end: '24:00' }]),
        },
      });
      let made = 0;
      for (let round = 0; round < ROUNDS; round++) {
        app = await startAppProcess({ MONGODB_URI: uri, DB_MAX_PENDING_REQUESTS: '1000' });
        const baseUrl = app.baseUrl;
        const burst = Array.from({ length: BURST }, (_, i) =>
          callApi(baseUrl, '/api/bookings', {
            method: 'POST',
            json: bookingInput(expert.id, {
              date: DAY,
              timeSlot: slotLabel((round * 4 + (i % 24)) * 15 + 60 * round, i % 3 === 0 ? 30 : 60),
              email: `round-${round}-${i}@example.com`,
            }),
          }).then(
            (answer) => answer.status,
            () => 'reset' as const,
          ),
        );
        await sleep(KILL_AFTER_MS[round]!);
        process.kill(-app.pid, 'SIGKILL');
        await app.exited;
        app = undefined;
        const statuses = await Promise.all(burst);
        made += statuses.filter((status) => status === 201).length;
        expect(await activeWithoutHolds(expert.id)).toEqual([]);
      }

      // A fresh instance settles every change that was cut short within its sweep period.
      const unfinished = await TimeHoldModel.countDocuments({ mark: true });
      const orphansBefore = (await orphanHolds(expert.id)).length;
      app = await startAppProcess({
        MONGODB_URI: uri,
        HOLD_SWEEP_AFTER_MS: String(SWEEP_AFTER_MS),
      });
      const deadline = Date.now() + 10 * SWEEP_AFTER_MS;
      while ((await TimeHoldModel.countDocuments({ mark: true })) > 0 && Date.now() < deadline) {
        await sleep(100);
      }
      expect(await TimeHoldModel.countDocuments({ mark: true })).toBe(0);
      expect(await orphanHolds(expert.id)).toEqual([]);
      expect(await activeWithoutHolds(expert.id)).toEqual([]);
      reportFaultCounts(`app SIGKILL during bookings, ${ROUNDS} rounds of ${BURST}`, {
        answered201: made,
        changesCutShort: unfinished,
        orphanHoldsBeforeSweep: orphansBefore,
      });
      // The kills did land in the middle of writes: there was something to sweep.
      expect(unfinished).toBeGreaterThan(0);
    },
  );
});
