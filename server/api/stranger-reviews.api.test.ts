import { describe, expect, it } from 'vitest';

import { CreatedBookingSchema } from '../../shared/schemas/booking-record';
import { PublicReviewSchema } from '../../shared/schemas/review';
import { ReviewModel } from '../../models';
import { ADMIN_TOKEN, callApi, NOW, useApiServer } from '../../test/support/api-server';
import { bookingInput, createExpert, dayFromNow } from '../../test/support/builders';

/**
 * The review calls as a stranger pushes them: a comment at the length limit as browsers send
 * it, many reviews of one expert at once, the same hiding sent ten times at once.
 */

let now = NOW;
const api = await useApiServer({ clock: () => now });

const HOUR = 60 * 60_000;

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

function post(path: string, json: unknown, headers: Record<string, string> = {}) {
  return callApi(api.baseUrl, path, { method: 'POST', json, headers });
}

async function setStatus(id: string, status: string) {
  const answer = await callApi(api.baseUrl, `/api/bookings/${id}/status`, {
    method: 'PATCH',
    json: { status },
    headers: bearer(ADMIN_TOKEN),
  });
  expect(answer.status).toBe(200);
}

/** Completed sessions of one expert, one per slot, each with its own client. */
async function completedBookings(expertId: string, slots: { date: string; timeSlot: string }[]) {
  now = NOW;
  const bookings = [];
  for (const [index, slot] of slots.entries()) {
    const answer = await post(
      '/api/bookings',
      bookingInput(expertId, { ...slot, email: `client${index}@example.com` }),
    );
    expect(answer.status).toBe(201);
    bookings.push(CreatedBookingSchema.parse((answer.body as { data: unknown }).data));
  }
  for (const booking of bookings) await setStatus(booking.id, 'Confirmed');
  now = new Date(Math.max(...bookings.map((booking) => Date.parse(booking.endsAt))) + HOUR);
  for (const booking of bookings) await setStatus(booking.id, 'Completed');
  return bookings;
}

const review = (id: string, token: string, json: unknown) =>
  post(`/api/bookings/${id}/review`, json, bearer(token));

async function ratingOf(expertId: string) {
  const answer = await callApi(api.baseUrl, `/api/experts/${expertId}`);
  const { rating, reviewCount } = (
    answer.body as { data: { rating: number | null; reviewCount: number } }
  ).data;
  return { rating, reviewCount };
}

describe('a review comment at the length limit', () => {
  it('counts a line break once, as the textarea does, though forms send it as CRLF', async () => {
    const expert = await createExpert();
    const [atLimit, overLimit] = await completedBookings(expert.id, [
      { date: dayFromNow(1), timeSlot: '09:00-10:00' },
      { date: dayFromNow(1), timeSlot: '10:00-11:00' },
    ]);
    // 1,000 characters in the textarea (its maxlength), 1,003 as a form sends them.
    const typed = `${'a'.repeat(497)}\r\n${'b'.repeat(497)}\r\n\r\nc\r\nd`;

    const taken = await review(atLimit!.id, atLimit!.manageToken, { rating: 4, comment: typed });
    const refused = await review(overLimit!.id, overLimit!.manageToken, {
      rating: 4,
      comment: `${typed}e`,
    });

    expect(taken.status).toBe(201);
    const { comment } = PublicReviewSchema.parse((taken.body as { data: unknown }).data);
    expect(comment).toBe(typed.replace(/\r\n/g, '\n'));
    expect(comment).toHaveLength(1000);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      fields: { comment: 'Comment must be at most 1000 characters.' },
    });
  });
});

describe('reviews and hidings sent at once', () => {
  it('counts every one of ten reviews of one expert sent at once', async () => {
    const expert = await createExpert();
    const bookings = await completedBookings(
      expert.id,
      [1, 2, 3, 4, 5].flatMap((days) =>
        ['09:00-10:00', '10:00-11:00'].map((timeSlot) => ({ date: dayFromNow(days), timeSlot })),
      ),
    );

    const answers = await Promise.all(
      bookings.map((booking, index) =>
        review(booking.id, booking.manageToken, { rating: index < 5 ? 5 : 2 }),
      ),
    );

    expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(201));
    expect(await ratingOf(expert.id)).toEqual({ rating: 3.5, reviewCount: 10 });
  });

  it('hides a review once when an admin sends the hiding ten times at once', async () => {
    const expert = await createExpert();
    const [kept, hidden] = await completedBookings(expert.id, [
      { date: dayFromNow(1), timeSlot: '09:00-10:00' },
      { date: dayFromNow(1), timeSlot: '10:00-11:00' },
    ]);
    expect((await review(kept!.id, kept!.manageToken, { rating: 5 })).status).toBe(201);
    const written = await review(hidden!.id, hidden!.manageToken, { rating: 1 });
    const { id } = PublicReviewSchema.parse((written.body as { data: unknown }).data);

    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        post(`/api/reviews/${id}/hide`, { reason: `Reason ${index}` }, bearer(ADMIN_TOKEN)),
      ),
    );

    expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(200));
    const reasons = answers.map(
      (answer) =>
        (answer.body as { data: { hidden: { reason: string } | null } }).data.hidden?.reason,
    );
    const stored = await ReviewModel.findById(id).lean();
    expect(stored).toMatchObject({ hidden: true, counted: true });
    // Each answer shows the review hidden; FerretDB may let two conditional writes through at
    // once (models/query-shapes.ts), so which reason stands is not pinned down.
    const sent = Array.from({ length: 10 }, (_, index) => `Reason ${index}`);
    for (const reason of reasons) expect(sent).toContain(reason);
    expect(reasons).toContain(stored?.hiddenReason);
    expect(await ratingOf(expert.id)).toEqual({ rating: 5, reviewCount: 1 });
    const listed = await callApi(api.baseUrl, `/api/experts/${expert.id}/reviews`);
    expect((listed.body as { data: { id: string }[] }).data.map((item) => item.id)).not.toContain(
      id,
    );
  });
});
