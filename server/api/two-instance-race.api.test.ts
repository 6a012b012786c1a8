import { DateTime } from 'luxon';
import { inject } from 'vitest';

import type { AvailabilityInput } from '../../shared/schemas/availability';
import { ACTIVE, BookingModel } from '../../models';
import {
  ADMIN_TOKEN,
  callApi,
  startApiServer,
  type ApiAnswer,
  type ApiServer,
} from '../../test/support/api-server';
import { startAppProcess, type AppProcess } from '../../harness';
import { bookingInput, createExpert, slotLabel, weeklyHours } from '../../test/support/builders';
import { useTestDatabase, type TestDatabase } from '../../test/support/database';

// Two app instances on one database: A in this process, B as `npm start` runs it (needs a build).
// Both run on the real clock, so the race is on a day three days ahead, open all day every day:
// which weekday or hour the test runs at changes nothing.

const DAY = DateTime.utc().plus({ days: 3 }).toISODate()!;
const WEEK = weeklyHours([{ start: '06:00', end: '20:00' }]);

function rules(overrides: Partial<AvailabilityInput> = {}): AvailabilityInput {
  return {
    timezone: 'UTC',
    sessionMinutes: 60,
    extraSessionMinutes: [30],
    startEveryMinutes: 15,
    minimumNoticeMinutes: 0,
    horizonDays: 30,
    weeklyHours: WEEK,
    ...overrides,
  };
}

describe('racing across two instances over offers that overlap', () => {
  let db: TestDatabase;
  let a: ApiServer;
  let b: AppProcess;

  beforeAll(async () => {
    db = await useTestDatabase();
    const uri = new URL(inject('mongodbUri'));
    uri.pathname = `/${db.dbName}`;
    [a, b] = await Promise.all([
      // Every racer waits its turn at the database instead of being shed: the answers are then
      // who won the time, not who was turned away.
      startApiServer({ clock: () => new Date(), config: { DB_MAX_PENDING_REQUESTS: 1000 } }),
      startAppProcess({
        MONGODB_URI: uri.toString(),
        ADMIN_TOKEN,
        DB_MAX_PENDING_REQUESTS: '1000',
      }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.stop()]);
    await db?.close();
  });

  it(
    'leaves no two active bookings overlapping, and answers each request 201, 409 or 422',
    { timeout: 120_000 },
    async () => {
      const { timezone, ...stored } = rules();
      const expert = await createExpert({ timezone, availability: stored });
      // Sixty-minute sessions every quarter hour and thirty-minute ones: most offers overlap.
      const offers = [
        ...Array.from({ length: 13 }, (_, i) => slotLabel(8 * 60 + i * 15, 60)),
        ...Array.from({ length: 15 }, (_, i) => slotLabel(8 * 60 + i * 15, 30)),
      ];
      const requests: Promise<ApiAnswer>[] = [];
      for (let i = 0; i < 200; i++) {
        const baseUrl = i % 2 === 0 ? a.baseUrl : b.baseUrl;
        requests.push(
          callApi(baseUrl, '/api/bookings', {
            method: 'POST',
            json: bookingInput(expert.id, {
              date: DAY,
              timeSlot: offers[(i * 7) % offers.length],
              email: `racer-${i}@example.com`,
            }),
          }),
        );
        if (i === 100) {
          // The expert edits the rules mid-race: buffers appear and the steps change.
          requests.push(
            callApi(b.baseUrl, `/api/experts/${expert.id}/availability`, {
              method: 'PUT',
              json: rules({ startEveryMinutes: 30, bufferAfterMinutes: 15 }),
              headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
            }),
          );
        }
      }
      const answers = await Promise.all(requests);
      const bookings = answers.filter((_, i) => i !== 101);
      expect(answers[101]!.status).toBe(200);
      for (const answer of bookings) expect([201, 409, 422]).toContain(answer.status);
      const made = bookings.filter((answer) => answer.status === 201).length;
      expect(made).toBeGreaterThan(0);

      const active = await BookingModel.find({ expertId: expert.id, activeKey: ACTIVE }).lean();
      expect(active).toHaveLength(made);
      const spans = active
        .map((booking) => [booking.heldFrom.getTime(), booking.heldUntil.getTime()] as const)
        .sort((x, y) => x[0] - y[0]);
      for (let i = 1; i < spans.length; i++) {
        expect(spans[i]![0]).toBeGreaterThanOrEqual(spans[i - 1]![1]);
      }
    },
  );
});
