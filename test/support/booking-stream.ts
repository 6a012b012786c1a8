import { randomUUID } from 'node:crypto';
import http from 'node:http';

import { BookingModel } from '../../models';
import { bookingInput, createExpert, everyDay } from './builders';

/** Hour-long sessions around the clock: 23 distinct slots a day for one expert. */
const LABELS = Array.from({ length: 23 }, (_, hour) => {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(hour)}:00-${pad(hour + 1)}:00`;
});

/** A client gives up on an answer after this long: a hung request shows as `timed out`. */
const CLIENT_TIMEOUT_MS = 30_000;

/** A slot the tests book starts at least this long after they read it: none starts meanwhile. */
const SLOT_LEAD_MS = 60 * 60_000;

/** An expert (in the database the test's default connection uses) who offers every hour. */
export async function createStreamExpert(): Promise<string> {
  const expert = await createExpert({
    timezone: 'UTC',
    availability: { ...everyDay(LABELS), horizonDays: 60 },
  });
  return expert.id;
}

export interface StreamSlot {
  date: string;
  timeSlot: string;
}

/**
 * The first `count` free slots the app offers the expert over the next 14 days, soonest first,
 * each starting an hour or more from now. The app runs on the real clock; taking its answer
 * rather than counting days from the test's clock keeps the slots bookable whatever the day or
 * hour (near midnight, "tomorrow" may already be today for the app).
 */
export async function freeSlots(
  baseUrl: string,
  expertId: string,
  count: number,
): Promise<StreamSlot[]> {
  const response = await fetch(`${baseUrl}/api/experts/${expertId}?days=14`);
  if (!response.ok) throw new Error(`the expert's slots: ${response.status}`);
  const { data } = (await response.json()) as {
    data: { slots: { date: string; timeSlot: string; startsAt: string; available: boolean }[] };
  };
  const earliest = Date.now() + SLOT_LEAD_MS;
  const slots = data.slots
    .filter((slot) => slot.available && Date.parse(slot.startsAt) >= earliest)
    .slice(0, count)
    .map(({ date, timeSlot }) => ({ date, timeSlot }));
  if (slots.length < count)
    throw new Error(`the expert offers ${slots.length} slots, not ${count}`);
  return slots;
}

export interface BookingAttempt {
  body: Record<string, unknown>;
  idempotencyKey: string;
  /** The HTTP status, or how the request failed without one. */
  outcome: number | 'refused' | 'reset' | 'timed out';
  /** The booking's id when answered 201. */
  id?: string;
  /** The code of an error answer. */
  code?: string;
  retryAfter?: string | null;
  ms: number;
}

/**
 * Sends one booking as a client that keeps its Idempotency-Key for retries would, on a
 * connection of its own: a kept-alive connection that the server closes as idle while the next
 * request is on its way would fail that request without the server ever having seen it.
 */
export function sendBooking(
  baseUrl: string,
  body: Record<string, unknown>,
  idempotencyKey: string,
): Promise<BookingAttempt> {
  const started = Date.now();
  const attempt = { body, idempotencyKey };
  const payload = JSON.stringify(body);
  return new Promise((resolve) => {
    const fail = (outcome: BookingAttempt['outcome']) =>
      resolve({ ...attempt, outcome, ms: Date.now() - started });
    const request = http.request(
      `${baseUrl}/api/bookings`,
      {
        method: 'POST',
        agent: false,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(payload),
          'Idempotency-Key': idempotencyKey,
        },
        timeout: CLIENT_TIMEOUT_MS,
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('error', () => fail('reset'));
        response.on('end', () => {
          let answer: { data?: { id?: string }; code?: string };
          try {
            answer = JSON.parse(text) as typeof answer;
          } catch {
            answer = { code: 'NOT_JSON' };
          }
          resolve({
            ...attempt,
            outcome: response.statusCode ?? 0,
            id: answer.data?.id,
            code: answer.code,
            retryAfter: response.headers['retry-after'] ?? null,
            ms: Date.now() - started,
          });
        });
      },
    );
    request.on('timeout', () => {
      request.destroy();
      fail('timed out');
    });
    request.on('error', (error: NodeJS.ErrnoException) =>
      fail(error.code === 'ECONNREFUSED' ? 'refused' : 'reset'),
    );
    request.end(payload);
  });
}

export interface BookingStream {
  /** Resolves once `count` bookings have had their answer (or failed). */
  answered(count: number): Promise<void>;
  /** Resolves with every attempt, in the order they were made, once all are done. */
  done: Promise<BookingAttempt[]>;
}

/**
 * `count` bookings of distinct free slots of one expert (`freeSlots`), `concurrency` at a time,
 * each from its own email with its own Idempotency-Key. Starts once the slots are read.
 */
export async function streamBookings({
  baseUrl,
  expertId,
  count,
  concurrency,
}: {
  baseUrl: string;
  expertId: string;
  count: number;
  concurrency: number;
}): Promise<BookingStream> {
  const slots = await freeSlots(baseUrl, expertId, count);
  const run = randomUUID().slice(0, 8);
  const attempts: BookingAttempt[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  let next = 0;

  const worker = async () => {
    while (next < count) {
      const index = next++;
      const body = bookingInput(expertId, {
        email: `stream-${run}-${index}@example.com`,
        ...slots[index],
      });
      attempts[index] = await sendBooking(baseUrl, body, `${run}-${index}`);
      const finished = attempts.filter(Boolean).length;
      for (const waiter of waiters.filter((each) => each.count <= finished)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };
  const done = Promise.all(Array.from({ length: concurrency }, worker)).then(() => attempts);
  return {
    answered: (target) =>
      new Promise((resolve) => {
        if (attempts.filter(Boolean).length >= target) resolve();
        else waiters.push({ count: target, resolve });
      }),
    done,
  };
}

export interface StreamCounts {
  sent: number;
  answered201: number;
  otherAnswers: Record<string, number>;
  /** Bookings of the stream's expert found in the database afterwards. */
  foundAfterwards: number;
  /** Of the 201s, how many were not found (must be 0). */
  lost201: number;
  /** Bookings found although their client saw no 201 on the first try. */
  storedDespiteError: number;
}

/**
 * After the fault: every attempt that did not get its 201 is sent again with the same
 * Idempotency-Key (and body), as the README tells clients to do. Answers the retries.
 */
export async function retryUnanswered(
  baseUrl: string,
  attempts: BookingAttempt[],
): Promise<BookingAttempt[]> {
  const retries: BookingAttempt[] = [];
  for (const attempt of attempts.filter((each) => each.outcome !== 201)) {
    retries.push(await sendBooking(baseUrl, attempt.body, attempt.idempotencyKey));
  }
  return retries;
}

/** What the stream's clients saw against what the database holds now. */
export async function countStream(
  expertId: string,
  attempts: BookingAttempt[],
): Promise<StreamCounts> {
  const stored = await BookingModel.find({ expertId }, { _id: 1, idempotencyKey: 1 }).lean();
  const storedIds = new Set(stored.map((booking) => booking._id.toString()));
  const storedKeys = new Set(stored.map((booking) => booking.idempotencyKey));
  const answered201 = attempts.filter((attempt) => attempt.outcome === 201);
  const otherAnswers: Record<string, number> = {};
  for (const attempt of attempts.filter((each) => each.outcome !== 201)) {
    const label = attempt.code ? `${attempt.outcome} ${attempt.code}` : String(attempt.outcome);
    otherAnswers[label] = (otherAnswers[label] ?? 0) + 1;
  }
  return {
    sent: attempts.length,
    answered201: answered201.length,
    otherAnswers,
    foundAfterwards: stored.length,
    lost201: answered201.filter((attempt) => !attempt.id || !storedIds.has(attempt.id)).length,
    storedDespiteError: attempts.filter(
      (attempt) => attempt.outcome !== 201 && storedKeys.has(attempt.idempotencyKey),
    ).length,
  };
}
