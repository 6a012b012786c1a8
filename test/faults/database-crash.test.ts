import { countStream, retryUnanswered, type BookingAttempt } from '../support/booking-stream';
import { killDuringStream, untilReady, useEmbeddedApp } from '../support/embedded-app';
import { reportFaultCounts } from '../support/fault-report';

// The app as `npm start` runs it, on its own embedded database (PostgreSQL 16 behind FerretDB);
// a database process is killed outright while bookings stream in. Needs `npm run build`.

const BOOKINGS = 120;
const CONCURRENCY = 6;

const embedded = useEmbeddedApp();

async function crashDuringStream(name: 'postgres' | 'ferretdb') {
  const { app } = embedded;
  const { expertId, killed, attempts } = await killDuringStream(embedded, name, {
    count: BOOKINGS,
    concurrency: CONCURRENCY,
    killAfter: 20,
  });

  // Nobody restarts anything: the app brings the database back by itself.
  const backAfterMs = await untilReady(app.baseUrl);
  const counts = await countStream(expertId, attempts);
  const retries = await retryUnanswered(app.baseUrl, attempts);
  const foundAfterRetries = (await countStream(expertId, attempts)).foundAfterwards;
  const slowest = (list: BookingAttempt[]) => Math.max(0, ...list.map((each) => each.ms));
  reportFaultCounts(`${name} killed (SIGKILL) during ${BOOKINGS} bookings`, {
    ...counts,
    foundAfterRetries,
    retriedWithSameKey: retries.length,
    retryAnswers: countBy(retries),
    slowestAnswerMs: slowest(attempts),
    readyAgainAfterStreamMs: backAfterMs,
  });
  return { attempts, retries, counts, foundAfterRetries, killed };
}

function countBy(attempts: BookingAttempt[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { outcome } of attempts) counts[outcome] = (counts[outcome] ?? 0) + 1;
  return counts;
}

function expectOutageAnswers(attempts: BookingAttempt[]) {
  // An answer for every request, none but these: no 500, no hang, no broken connection.
  for (const attempt of attempts) expect([201, 409, 503]).toContain(attempt.outcome);
  for (const attempt of attempts.filter((each) => each.outcome === 503)) {
    expect(attempt.retryAfter).toMatch(/^\d+$/);
  }
}

describe('the embedded database dying under a stream of bookings', () => {
  it.each(['postgres', 'ferretdb'] as const)(
    'survives %s being killed: every 201 is stored, a retry with the same Idempotency-Key gets its booking back',
    async (name) => {
      const { attempts, retries, counts, foundAfterRetries, killed } =
        await crashDuringStream(name);

      expectOutageAnswers(attempts);
      // PostgreSQL's crash recovery takes seconds, so some bookings meet the outage. FerretDB is
      // back within a second, and the driver may carry every request across that wait.
      if (name === 'postgres') {
        expect(attempts.some((each) => each.code === 'DATABASE_UNAVAILABLE')).toBe(true);
      }
      expect(counts.lost201).toBe(0);
      // Retried after the outage, each attempt gets its booking: the one stored although its
      // client saw an error, or a new one. Never a 409 for its own slot.
      expect(retries.map((each) => each.outcome)).toEqual(retries.map(() => 201));
      expect(foundAfterRetries).toBe(BOOKINGS);
      expect(embedded.databasePid(name)).not.toBe(killed);
    },
    90_000,
  );
});
