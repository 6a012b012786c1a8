import { randomUUID } from 'node:crypto';

import mongoose from 'mongoose';

import {
  countStream,
  createStreamExpert,
  freeSlots,
  sendBooking,
  type BookingAttempt,
  type StreamSlot,
} from '../support/booking-stream';
import { bookingInput } from '../support/builders';
import { untilReady, useEmbeddedApp } from '../support/embedded-app';
import { reportFaultCounts } from '../support/fault-report';

// The app as `npm start` runs it, on its own embedded database (PostgreSQL 16 behind FerretDB);
// a database server stops answering while its process keeps running, so only the supervisor's
// liveness probes (embedded-db/supervisor.ts) can notice. Needs `npm run build`.

/** A booking is sent this often, answered or not, from before the fault until after recovery. */
const PACE_MS = 250;
/** Enough distinct slots for the stream at PACE_MS until RECOVERY_BOUND_MS and more. */
const SLOTS = 160;
/** What issue 18 asks: from the fault to a booking answered 201. */
const RECOVERY_BOUND_MS = 30_000;
/** FerretDB 1.24 holds one PostgreSQL connection per matched statement: far more than its pool. */
const WEDGING_STATEMENTS = 200;
const WEDGE_COLLECTION = 'wedge-target';
/** What the test's own writes carry, as the app's do (models/WRITE_BATCH_SIZE). */
const BATCH = 16;

const embedded = useEmbeddedApp();

/** Resolves once the app logs that its supervisor gave up on `name` and killed it. */
async function untilKilledForSilence(name: 'postgres' | 'ferretdb', since: number) {
  const deadline = Date.now() + RECOVERY_BOUND_MS;
  while (Date.now() < deadline) {
    const line = embedded.app
      .logs()
      .find(
        (each) =>
          each.database === name &&
          typeof each.time === 'number' &&
          each.time >= since &&
          /did not answer \d+ liveness probes/.test(each.msg),
      );
    if (line) return line;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the app did not restart ${name} for not answering`);
}

/**
 * One booking of the next slot every PACE_MS, whether the earlier ones are answered or not, as
 * independent clients would send them: the stream covers the fault from before to after.
 */
function paceBookings(baseUrl: string, expertId: string, slots: StreamSlot[]) {
  const run = randomUUID().slice(0, 8);
  const attempts: Promise<BookingAttempt>[] = [];
  const send = () => {
    const index = attempts.length;
    if (index >= slots.length) return;
    const body = bookingInput(expertId, {
      email: `paced-${run}-${index}@example.com`,
      ...slots[index],
    });
    attempts.push(sendBooking(baseUrl, body, `${run}-${index}`));
  };
  send();
  const timer = setInterval(send, PACE_MS);
  return {
    sent: () => attempts.length,
    stop() {
      clearInterval(timer);
      return Promise.all(attempts);
    },
  };
}

/**
 * Bookings stream in across the fault; once the server has been replaced, a booking must be
 * answered 201. Resolves what the clients saw and when that booking succeeded.
 */
async function faultDuringStream(name: 'postgres' | 'ferretdb', fault: () => Promise<void>) {
  const { app } = embedded;
  const expertId = await createStreamExpert();
  const before = embedded.databasePid(name);
  const slots = await freeSlots(app.baseUrl, expertId, SLOTS + 1);
  // Kept out of the stream, so that no attempt cut short by the fault holds it.
  const lastSlot = slots.pop()!;
  const stream = paceBookings(app.baseUrl, expertId, slots);
  while (stream.sent() < 4) await new Promise((resolve) => setTimeout(resolve, PACE_MS));
  const faultAt = Date.now();
  await fault();
  const killLine = await untilKilledForSilence(name, faultAt);
  // A killed PostgreSQL's backends may serve FerretDB's open connections a moment longer, so the
  // booking below waits for the new server, not merely for an answer.
  await embedded.untilRestarted(name, before, RECOVERY_BOUND_MS - (Date.now() - faultAt));
  await untilReady(app.baseUrl);
  const after = await sendBooking(
    app.baseUrl,
    bookingInput(expertId, { email: `after-${name}@example.com`, ...lastSlot }),
    `after-${name}-${faultAt}`,
  );
  const recoveredMs = Date.now() - faultAt;
  const attempts = await stream.stop();
  const counts = await countStream(expertId, attempts);
  reportFaultCounts(`${name} stops answering (process alive) while bookings stream in`, {
    ...counts,
    killedAfterMs: Number(killLine.time) - faultAt,
    bookingAnswered201AfterMs: recoveredMs,
    slowestAnswerMs: Math.max(0, ...attempts.map((each) => each.ms)),
  });
  return { attempts, counts, after, recoveredMs, before };
}

/** SIGKILL ends a stopped process too; one already gone is fine. */
function killIfAlive(pid: number) {
  try {
    process.kill(pid, 'SIGKILL');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/**
 * What a fault during the stream may and may not do: every request answered 201 or 503 (with
 * Retry-After), no 201 lost, and a booking answered 201 within the bound by a new `name` server.
 */
function expectRecovered(
  name: 'postgres' | 'ferretdb',
  { attempts, counts, after, recoveredMs, before }: Awaited<ReturnType<typeof faultDuringStream>>,
) {
  // An answer for every request, none but these: no 500, no hang, no broken connection.
  for (const attempt of attempts) expect([201, 503]).toContain(attempt.outcome);
  for (const attempt of attempts.filter((each) => each.outcome === 503)) {
    expect(attempt.retryAfter).toMatch(/^\d+$/);
  }
  expect(counts.lost201).toBe(0);
  expect(after.outcome).toBe(201);
  expect(recoveredMs).toBeLessThan(RECOVERY_BOUND_MS);
  expect(embedded.databasePid(name)).not.toBe(before);
}

describe('an embedded database server that stops answering without exiting', () => {
  it(`is restarted when a write command of ${WEDGING_STATEMENTS} statements wedges FerretDB: ready and booking again within 30 s, every 201 stored`, async () => {
    const db = mongoose.connection.db!;
    for (let start = 0; start < WEDGING_STATEMENTS; start += BATCH) {
      await db
        .collection(WEDGE_COLLECTION)
        .insertMany(
          Array.from({ length: BATCH }, (_, index) => ({ _id: start + index, n: 0 }) as never),
        );
    }
    // Another client, as in the issue: any client's command wedges the server for everyone.
    const wedger = new mongoose.mongo.MongoClient(
      `mongodb://127.0.0.1:${mongoose.connection.port}/`,
      { directConnection: true, socketTimeoutMS: 60_000 },
    );
    let wedge: Promise<unknown> = Promise.resolve();
    try {
      const recovery = await faultDuringStream('ferretdb', async () => {
        wedge = wedger
          .db(db.databaseName)
          .command({
            update: WEDGE_COLLECTION,
            updates: Array.from({ length: WEDGING_STATEMENTS }, (_, index) => ({
              q: { _id: index },
              u: { $set: { n: 1 } },
            })),
          })
          .catch((error: unknown) => error);
      });

      // The command never gets its answer: its server was killed under it.
      expect(await wedge).toBeInstanceOf(Error);
      expectRecovered('ferretdb', recovery);
    } finally {
      await wedge;
      await wedger.close(true);
    }
  }, 90_000);

  it('is restarted when PostgreSQL is stopped (SIGSTOP): ready and booking again within 30 s, every 201 stored', async () => {
    const stopped = embedded.databasePid('postgres');
    try {
      const recovery = await faultDuringStream('postgres', async () => {
        process.kill(stopped, 'SIGSTOP');
      });

      expect(recovery.before).toBe(stopped);
      expectRecovered('postgres', recovery);
    } finally {
      // Whatever happened, no stopped PostgreSQL outlives the test.
      killIfAlive(stopped);
    }
  }, 90_000);
});
