import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';

import { CreatedBookingSchema } from '../../shared/schemas/booking-record';
import { ExpertSummarySchema } from '../../shared/schemas/expert';
import { PublicReviewSchema, ReviewPageSchema } from '../../shared/schemas/review';
import { ExpertModel, ReviewModel } from '../../models';
import { ADMIN_TOKEN, callApi, NOW, useApiServer } from '../../test/support/api-server';
import { commandsDuring } from '../../test/support/model-commands';
import { bookingInput, createExpert, dayFromNow } from '../../test/support/builders';
import { signedInCookie } from '../../test/support/session-cookie';
import { createUser } from '../../test/support/sign-in';
import { migrateMadeUpRatings, settleUncountedReviews } from '../services/reviews';

let now = NOW;
const api = await useApiServer({ clock: () => now });

const HOUR = 60 * 60_000;

function post(path: string, json: unknown, headers: Record<string, string> = {}) {
  return callApi(api.baseUrl, path, { method: 'POST', json, headers });
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function book(expertId: string, overrides: Record<string, unknown> = {}) {
  now = NOW;
  const answer = await post('/api/bookings', bookingInput(expertId, overrides));
  expect(answer.status).toBe(201);
  return CreatedBookingSchema.parse((answer.body as { data: unknown }).data);
}

async function setStatus(id: string, status: string) {
  const answer = await callApi(api.baseUrl, `/api/bookings/${id}/status`, {
    method: 'PATCH',
    json: { status },
    headers: bearer(ADMIN_TOKEN),
  });
  expect(answer.status).toBe(200);
}

/** A booking of tomorrow 09:00 (UTC), confirmed, then completed once its hour has passed. */
async function completedBooking(expertId: string, overrides: Record<string, unknown> = {}) {
  const booking = await book(expertId, overrides);
  await setStatus(booking.id, 'Confirmed');
  now = new Date(Date.parse(booking.endsAt) + HOUR);
  await setStatus(booking.id, 'Completed');
  return booking;
}

const review = (id: string, token: string, json: unknown = { rating: 5 }) =>
  post(`/api/bookings/${id}/review`, json, bearer(token));

async function summaryOf(expertId: string) {
  const answer = await callApi(api.baseUrl, '/api/experts?limit=50');
  const items = (answer.body as { data: unknown[] }).data.map((item) =>
    ExpertSummarySchema.parse(item),
  );
  return items.find((item) => item.id === expertId);
}

async function detailOf(expertId: string) {
  const answer = await callApi(api.baseUrl, `/api/experts/${expertId}`);
  return (answer.body as { data: { rating: number | null; reviewCount: number } }).data;
}

async function reviewsPage(expertId: string, query = '') {
  const answer = await callApi(api.baseUrl, `/api/experts/${expertId}/reviews${query}`);
  expect(answer.status).toBe(200);
  return ReviewPageSchema.parse(answer.body);
}

describe('POST /api/bookings/:id/review', () => {
  it('takes a review of a completed session with its manage token: 201, public fields only', async () => {
    const expert = await createExpert();
    const booking = await completedBooking(expert.id, { name: 'Ada Byron Lovelace' });

    const answer = await review(booking.id, booking.manageToken, {
      rating: 4,
      comment: '  Clear and kind.\r\nWould book again.  ',
    });

    expect(answer.status).toBe(201);
    const created = PublicReviewSchema.parse((answer.body as { data: unknown }).data);
    expect(created).toMatchObject({
      author: 'Ada L.',
      rating: 4,
      comment: 'Clear and kind.\nWould book again.',
      sessionMonth: dayFromNow(1).slice(0, 7),
      reply: null,
    });
    // Dated by the app's clock, as the session it follows was.
    expect(created.createdAt).toBe(now.toISOString());
    const text = JSON.stringify(answer.body);
    expect(text).not.toContain('ada@example.com');
    expect(text).not.toContain('Lovelace');
  });

  it.each([
    // 09:00 on 1 April in Auckland is still 31 March in UTC.
    ['Pacific/Auckland', '2030-04-01', '09:00-10:00', '2030-04'],
    // 14:00 on 31 March in Honolulu is already 1 April in UTC.
    ['Pacific/Honolulu', '2030-03-31', '14:00-15:00', '2030-03'],
  ])(
    "names the session's month in the expert's zone (%s, across the date line)",
    async (timezone, date, timeSlot, month) => {
      const expert = await createExpert({ timezone });
      const booking = await completedBooking(expert.id, { date, timeSlot });
      expect(booking.startsAt.slice(0, 7)).not.toBe(month);

      const answer = await review(booking.id, booking.manageToken, { rating: 5 });

      expect(PublicReviewSchema.parse((answer.body as { data: unknown }).data).sessionMonth).toBe(
        month,
      );
    },
  );

  it('invites the review by mail when the status becomes Completed, and only then', async () => {
    const expert = await createExpert();
    const booking = await book(expert.id);
    await setStatus(booking.id, 'Confirmed');
    expect(api.mails.filter((mail) => mail.kind === 'review')).toEqual([]);

    now = new Date(Date.parse(booking.endsAt) + HOUR);
    await setStatus(booking.id, 'Completed');

    const invites = api.mails.filter((mail) => mail.kind === 'review');
    expect(invites).toHaveLength(1);
    expect(invites[0]!.bookingId).toBe(booking.id);
    // The invite's own fresh link opens the booking and can send the review.
    const token = new URL(invites[0]!.manageUrl, api.baseUrl).searchParams.get('token')!;
    expect((await review(booking.id, token)).status).toBe(201);
  });

  it('refuses a second review of the booking: 409 ALREADY_REVIEWED, the first stands', async () => {
    const expert = await createExpert();
    const booking = await completedBooking(expert.id);
    expect((await review(booking.id, booking.manageToken, { rating: 5 })).status).toBe(201);

    const again = await review(booking.id, booking.manageToken, { rating: 1 });

    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'ALREADY_REVIEWED' });
    expect(await detailOf(expert.id)).toMatchObject({ rating: 5, reviewCount: 1 });
  });

  it('lets exactly one of two reviews sent at once through (the unique key decides)', async () => {
    const expert = await createExpert();
    const booking = await completedBooking(expert.id);

    const answers = await Promise.all(
      [2, 4, 5, 1].map((rating) => review(booking.id, booking.manageToken, { rating })),
    );

    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409]);
    for (const answer of answers.filter((each) => each.status === 409)) {
      expect(answer.body).toMatchObject({ code: 'ALREADY_REVIEWED' });
    }
    expect(await ReviewModel.countDocuments({ bookingId: booking.id })).toBe(1);
    const winner = answers.find((answer) => answer.status === 201)!;
    const { rating } = PublicReviewSchema.parse((winner.body as { data: unknown }).data);
    expect(await detailOf(expert.id)).toEqual(expect.objectContaining({ rating, reviewCount: 1 }));
  });

  it.each(['Pending', 'Confirmed', 'Cancelled'])(
    'refuses a review of a %s booking: 409 REVIEW_NOT_ALLOWED',
    async (status) => {
      const expert = await createExpert();
      const booking = await book(expert.id);
      if (status === 'Confirmed') await setStatus(booking.id, 'Confirmed');
      if (status === 'Cancelled') await setStatus(booking.id, 'Cancelled');

      const answer = await review(booking.id, booking.manageToken);

      expect(answer.status).toBe(409);
      expect(answer.body).toMatchObject({ code: 'REVIEW_NOT_ALLOWED' });
      expect(await ReviewModel.countDocuments()).toBe(0);
    },
  );

  it('refuses no token (401), a wrong or other booking’s token and the admin token (403)', async () => {
    const expert = await createExpert();
    const booking = await completedBooking(expert.id);
    const other = await book(expert.id, { timeSlot: '10:00-11:00' });

    const none = await post(`/api/bookings/${booking.id}/review`, { rating: 5 });
    const wrong = await review(booking.id, 'x'.repeat(32));
    const otherToken = await review(booking.id, other.manageToken);
    const admin = await review(booking.id, ADMIN_TOKEN);

    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ code: 'UNAUTHORIZED' });
    for (const answer of [wrong, otherToken, admin]) {
      expect(answer.status).toBe(403);
      expect(answer.body).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await ReviewModel.countDocuments()).toBe(0);
  });

  it.each([
    ['no rating', {}, 'rating', 'Rating is required.'],
    ['rating 0', { rating: 0 }, 'rating', 'Rating must be from 1 to 5.'],
    ['rating 6', { rating: 6 }, 'rating', 'Rating must be from 1 to 5.'],
    ['rating 4.5', { rating: 4.5 }, 'rating', 'Rating must be a whole number from 1 to 5.'],
    ['rating as text', { rating: '5' }, 'rating', 'Rating must be a number.'],
    [
      'a comment of 1,001 characters',
      { rating: 5, comment: 'x'.repeat(1001) },
      'comment',
      'Comment must be at most 1000 characters.',
    ],
    [
      'a comment that is an object',
      { rating: 5, comment: { $ne: '' } },
      'comment',
      'Comment must be text.',
    ],
  ])('refuses %s: 400 naming the field', async (_case, body, field, message) => {
    const expert = await createExpert();
    const booking = await completedBooking(expert.id);

    const answer = await review(booking.id, booking.manageToken, body);

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'VALIDATION_ERROR', fields: { [field]: message } });
    expect(await ReviewModel.countDocuments()).toBe(0);
  });

  it('takes a comment of exactly 1,000 characters, and none at all', async () => {
    const expert = await createExpert();
    const first = await completedBooking(expert.id);
    const second = await completedBooking(expert.id, { timeSlot: '10:00-11:00' });

    expect(
      (await review(first.id, first.manageToken, { rating: 3, comment: 'y'.repeat(1000) })).status,
    ).toBe(201);
    expect((await review(second.id, second.manageToken, { rating: 4 })).status).toBe(201);
  });

  it('answers 400 INVALID_ID and 404 for an unknown booking', async () => {
    expect((await review('nope', 'x'.repeat(32))).status).toBe(400);
    const missing = await review('665f1c2e9b1e8a3d4c5b6a79', 'x'.repeat(32));
    expect(missing.status).toBe(404);
  });
});

describe("the expert's rating and reviewCount", () => {
  it('are null and 0 without reviews, then the mean with one decimal, in the list and the detail', async () => {
    const expert = await createExpert();
    expect(await summaryOf(expert.id)).toMatchObject({ rating: null, reviewCount: 0 });
    expect(await detailOf(expert.id)).toMatchObject({ rating: null, reviewCount: 0 });

    const slots = ['09:00-10:00', '10:00-11:00', '14:00-15:00'];
    const ratings = [5, 4, 4];
    for (const [index, timeSlot] of slots.entries()) {
      const booking = await completedBooking(expert.id, { timeSlot });
      expect(
        (await review(booking.id, booking.manageToken, { rating: ratings[index] })).status,
      ).toBe(201);
    }

    // 13 / 3 = 4.333…
    expect(await summaryOf(expert.id)).toMatchObject({ rating: 4.3, reviewCount: 3 });
    expect(await detailOf(expert.id)).toMatchObject({ rating: 4.3, reviewCount: 3 });
  });

  it('list rated experts first, highest first, and those without reviews last', async () => {
    const unrated = await createExpert({ name: 'Aaron Unrated' });
    const low = await createExpert({ name: 'Lowly Rated' });
    const high = await createExpert({ name: 'Highly Rated' });
    for (const [expert, rating] of [
      [low, 2],
      [high, 5],
    ] as const) {
      const booking = await completedBooking(expert.id);
      await review(booking.id, booking.manageToken, { rating });
    }

    const answer = await callApi(api.baseUrl, '/api/experts');
    const names = (answer.body as { data: { name: string }[] }).data.map((item) => item.name);
    expect(names).toEqual([high.name, low.name, unrated.name]);
  });

  it('forget the rating the seed once made up: start-up migrates it away', async () => {
    const expert = await createExpert();
    await ExpertModel.collection.updateOne(
      { _id: expert._id },
      { $set: { rating: 4.9 }, $unset: { reviewSum: '', reviewCount: '' } },
    );

    expect(await migrateMadeUpRatings()).toBe(1);
    expect(await migrateMadeUpRatings()).toBe(0);

    const stored = await ExpertModel.collection.findOne({ _id: expert._id });
    expect(stored).toMatchObject({ reviewSum: 0, reviewCount: 0 });
    expect(stored).not.toHaveProperty('rating');
  });

  it('are counted again at start-up for a review a crash left uncounted', async () => {
    const expert = await createExpert();
    const booking = await completedBooking(expert.id);
    await review(booking.id, booking.manageToken, { rating: 2 });
    // As if the process died between the review's write and its count.
    await ExpertModel.collection.updateOne(
      { _id: expert._id },
      { $set: { reviewSum: 0, reviewCount: 0 } },
    );
    await ReviewModel.collection.updateMany({}, { $set: { counted: false } });

    expect(await settleUncountedReviews(new Date(Date.now() + 60_000))).toBe(1);

    const stored = await ExpertModel.collection.findOne({ _id: expert._id });
    expect(stored).toMatchObject({ reviewSum: 2, reviewCount: 1 });
    expect(await ReviewModel.countDocuments({ counted: false })).toBe(0);
  });
});

describe('GET /api/experts/:id/reviews', () => {
  it('lists visible reviews newest first, a page at a time', async () => {
    const expert = await createExpert();
    const slots = ['09:00-10:00', '10:00-11:00', '14:00-15:00'];
    for (const [index, timeSlot] of slots.entries()) {
      const booking = await completedBooking(expert.id, {
        timeSlot,
        name: `Client${index} Person`,
      });
      await review(booking.id, booking.manageToken, { rating: index + 3, comment: `No ${index}` });
    }

    const first = await reviewsPage(expert.id, '?limit=2');
    expect(first.pagination).toEqual({ page: 1, limit: 2, total: 3, totalPages: 2 });
    expect(first.data.map((item) => item.author)).toEqual(['Client2 P.', 'Client1 P.']);
    const second = await reviewsPage(expert.id, '?limit=2&page=2');
    expect(second.data.map((item) => item.comment)).toEqual(['No 0']);
  });

  it('answers an empty page for an expert without reviews; 404 and 400 as the other expert calls', async () => {
    const expert = await createExpert();
    expect((await reviewsPage(expert.id)).data).toEqual([]);
    expect(
      (await callApi(api.baseUrl, '/api/experts/665f1c2e9b1e8a3d4c5b6a79/reviews')).status,
    ).toBe(404);
    expect((await callApi(api.baseUrl, '/api/experts/nope/reviews')).status).toBe(400);
    const badLimit = await callApi(api.baseUrl, `/api/experts/${expert.id}/reviews?limit=1000`);
    expect(badLimit.status).toBe(400);
    expect(badLimit.body).toMatchObject({ code: 'VALIDATION_ERROR' });
  });
});

describe('replies and hiding', () => {
  async function reviewed(rating = 5) {
    const expert = await createExpert();
    const booking = await completedBooking(expert.id);
    const answer = await review(booking.id, booking.manageToken, { rating });
    const { id } = PublicReviewSchema.parse((answer.body as { data: unknown }).data);
    return { expert, booking, reviewId: id };
  }

  async function consoleHeaders(role: 'admin' | 'expert', expertId?: string) {
    const user = await createUser({ role, expertId });
    return { cookie: await signedInCookie(api.baseUrl, user), origin: api.baseUrl };
  }

  it('the expert replies once, publicly; a second reply is 409 REVIEW_NOT_ALLOWED', async () => {
    const { expert, reviewId } = await reviewed();
    const headers = await consoleHeaders('expert', expert.id);

    const first = await post(`/api/reviews/${reviewId}/reply`, { reply: 'Thank you!' }, headers);
    const second = await post(`/api/reviews/${reviewId}/reply`, { reply: 'Again' }, headers);

    expect(first.status).toBe(200);
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'REVIEW_NOT_ALLOWED' });
    const [listed] = (await reviewsPage(expert.id)).data;
    expect(listed?.reply?.text).toBe('Thank you!');
  });

  it('refuses a reply or a hiding reason of nothing visible: the one reply is still to give', async () => {
    const { expert, reviewId } = await reviewed();
    const headers = await consoleHeaders('expert', expert.id);

    const invisible = await post(`/api/reviews/${reviewId}/reply`, { reply: '\u200b' }, headers);
    const hiding = await post(
      `/api/reviews/${reviewId}/hide`,
      { reason: '\u200b \u2060' },
      bearer(ADMIN_TOKEN),
    );

    expect(invisible.status).toBe(400);
    expect(invisible.body).toMatchObject({
      code: 'VALIDATION_ERROR',
      fields: { reply: 'Reply is required.' },
    });
    expect(hiding.status).toBe(400);
    expect(hiding.body).toMatchObject({ fields: { reason: 'Reason is required.' } });
    expect(await ReviewModel.findById(reviewId).lean()).toMatchObject({ hidden: false });
    const [listed] = (await reviewsPage(expert.id)).data;
    expect(listed?.reply).toBeNull();
    const reply = await post(`/api/reviews/${reviewId}/reply`, { reply: 'Thank you!' }, headers);
    expect(reply.status).toBe(200);
  });

  it('another expert cannot reply (404), nor can anyone without a session (401)', async () => {
    const { reviewId } = await reviewed();
    const stranger = await createExpert();
    const headers = await consoleHeaders('expert', stranger.id);

    const refused = await post(`/api/reviews/${reviewId}/reply`, { reply: 'Hi' }, headers);
    // The same answer as for an id that is no review at all: nothing says whose it is.
    const unknown = await post(
      `/api/reviews/${new Types.ObjectId().toString()}/reply`,
      { reply: 'Hi' },
      headers,
    );
    expect(refused).toMatchObject({ status: 404, body: unknown.body });
    expect(refused.body).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/review/),
    });
    expect((await post(`/api/reviews/${reviewId}/reply`, { reply: 'Hi' })).status).toBe(401);
  });

  it('an admin hides a review with a reason: kept, out of the list and the mean', async () => {
    const { expert, reviewId } = await reviewed(1);
    const kept = await completedBooking(expert.id, { timeSlot: '10:00-11:00' });
    await review(kept.id, kept.manageToken, { rating: 5 });
    expect(await detailOf(expert.id)).toMatchObject({ rating: 3, reviewCount: 2 });

    const hidden = await post(
      `/api/reviews/${reviewId}/hide`,
      { reason: 'Abusive language' },
      bearer(ADMIN_TOKEN),
    );
    const again = await post(
      `/api/reviews/${reviewId}/hide`,
      { reason: 'Twice' },
      bearer(ADMIN_TOKEN),
    );

    expect(hidden.status).toBe(200);
    expect(hidden.body).toMatchObject({ data: { hidden: { reason: 'Abusive language' } } });
    expect(again.status).toBe(200);
    expect(await detailOf(expert.id)).toMatchObject({ rating: 5, reviewCount: 1 });
    expect(await summaryOf(expert.id)).toMatchObject({ rating: 5, reviewCount: 1 });
    expect((await reviewsPage(expert.id)).data.map((item) => item.rating)).toEqual([5]);
    expect(await ReviewModel.findById(reviewId).lean()).toMatchObject({
      hidden: true,
      hiddenReason: 'Abusive language',
    });
  });

  it('only an admin hides: the expert gets 403, a reason is required', async () => {
    const { expert, reviewId } = await reviewed();
    const headers = await consoleHeaders('expert', expert.id);

    const byExpert = await post(`/api/reviews/${reviewId}/hide`, { reason: 'Unfair' }, headers);
    const noReason = await post(`/api/reviews/${reviewId}/hide`, {}, bearer(ADMIN_TOKEN));

    expect(byExpert.status).toBe(403);
    expect(noReason.status).toBe(400);
    expect(noReason.body).toMatchObject({ fields: { reason: 'Reason is required.' } });
    expect(await detailOf(expert.id)).toMatchObject({ reviewCount: 1 });
  });
});

describe("the expert page's newest reviews", () => {
  const newest = (expertId: string) => api.services.reviews.newestForExpertPage(expertId, 3);

  it('come from memory while nothing changes, and follow a review, a reply and a hiding', async () => {
    const expert = await createExpert();
    const booking = await completedBooking(expert.id);
    await review(booking.id, booking.manageToken, { rating: 4, comment: 'Clear and kind.' });
    expect((await newest(expert.id)).map((item) => item.comment)).toEqual(['Clear and kind.']);

    const steady = await commandsDuring(async () => {
      await newest(expert.id);
      await newest(expert.id);
    });
    expect(steady).toEqual([]);

    const user = await createUser({ role: 'expert', expertId: expert.id });
    const headers = { cookie: await signedInCookie(api.baseUrl, user), origin: api.baseUrl };
    const [shown] = await newest(expert.id);
    await post(`/api/reviews/${shown?.id}/reply`, { reply: 'Thank you!' }, headers);
    expect((await newest(expert.id))[0]?.reply?.text).toBe('Thank you!');

    const second = await completedBooking(expert.id, { timeSlot: '10:00-11:00' });
    await review(second.id, second.manageToken, { rating: 5, comment: 'Again, great.' });
    expect((await newest(expert.id)).map((item) => item.comment)).toEqual([
      'Again, great.',
      'Clear and kind.',
    ]);

    await post(`/api/reviews/${shown?.id}/hide`, { reason: 'Off topic' }, bearer(ADMIN_TOKEN));
    expect((await newest(expert.id)).map((item) => item.comment)).toEqual(['Again, great.']);
  });

  it('are read again after a rebuild, which keeps the unchanged expert’s revision', async () => {
    const expert = await createExpert();
    const booking = await completedBooking(expert.id);
    await review(booking.id, booking.manageToken, { rating: 4, comment: 'Clear and kind.' });
    const [shown] = await newest(expert.id);
    // A reply another instance wrote and whose announcement never came: only a rebuild shows it.
    await ReviewModel.collection.updateOne(
      { _id: new Types.ObjectId(shown!.id) },
      { $set: { replied: true, reply: 'Thank you!', repliedAt: NOW } },
    );
    expect((await newest(expert.id))[0]?.reply).toBeNull();
    const revision = api.catalogue.expert(expert.id)?.revision;

    await api.catalogue.rebuild();
    expect(api.catalogue.expert(expert.id)?.revision).toBe(revision);
    expect((await newest(expert.id))[0]?.reply?.text).toBe('Thank you!');
  });
});

/** Completed sessions of one expert, one per slot, each with a client of its own. */
async function completedBookings(expertId: string, slots: { date: string; timeSlot: string }[]) {
  const bookings = [];
  for (const [index, slot] of slots.entries()) {
    bookings.push(
      await completedBooking(expertId, { ...slot, email: `client${index}@example.com` }),
    );
  }
  return bookings;
}

async function ratingOf(expertId: string) {
  const { rating, reviewCount } = await detailOf(expertId);
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

describe('the OpenAPI document', () => {
  interface Operation {
    security?: Record<string, string[]>[];
    parameters?: { name: string; in: string }[];
    requestBody?: unknown;
    responses: Record<string, unknown>;
  }

  it('documents the review calls: parameters, body fields, answers, codes and who may call', async () => {
    const answer = await callApi(api.baseUrl, '/api/openapi.json');
    const document = answer.body as {
      paths: Record<string, Record<string, Operation>>;
      components: { schemas: Record<string, { properties: { code: { enum: string[] } } }> };
    };
    const text = JSON.stringify(document);

    const review = document.paths['/api/bookings/{id}/review']!.post!;
    expect(review.security).toEqual([{ manageToken: [] }, { adminToken: [] }]);
    expect(Object.keys(review.responses)).toEqual(
      expect.arrayContaining(['201', '400', '401', '403', '404', '409']),
    );
    expect(JSON.stringify(review.requestBody)).toMatch(/"rating".*"minimum":1.*"maximum":5/);
    expect(JSON.stringify(review.requestBody)).toContain('"maxLength":1000');

    const list = document.paths['/api/experts/{id}/reviews']!.get!;
    expect(list.parameters?.map((parameter) => parameter.name)).toEqual(
      expect.arrayContaining(['id', 'page', 'limit']),
    );
    for (const field of ['author', 'sessionMonth', 'reply', 'reviewCount']) {
      expect(text).toContain(`"${field}"`);
    }
    expect(document.paths['/api/reviews/{id}/reply']!.post!.security).toEqual([
      { adminToken: [] },
      { consoleSession: [] },
    ]);
    expect(document.paths['/api/reviews/{id}/hide']!.post).toBeDefined();
    expect(document.components.schemas.Error409!.properties.code.enum).toEqual(
      expect.arrayContaining(['ALREADY_REVIEWED', 'REVIEW_NOT_ALLOWED']),
    );
  });
});
