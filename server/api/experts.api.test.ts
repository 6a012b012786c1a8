import { describe, expect, it } from 'vitest';

import { ExpertSchema, ExpertSummarySchema, PaginationSchema } from '../../shared/schemas/expert';
import { BookingModel } from '../../models';
import { callApi, useApiServer } from '../../test/support/api-server';
import { expectValidationError } from '../../test/support/api-expectations';
import { bookingInput, createExpert, dayFromNow, onlyOn } from '../../test/support/builders';

const api = await useApiServer();

function listExperts(query = '') {
  return callApi(api.baseUrl, `/api/experts${query}`);
}

function names(body: unknown): string[] {
  return (body as { data: { name: string }[] }).data.map((expert) => expert.name);
}

describe('GET /api/experts', () => {
  it('pages through experts, best rated first, with defaults page 1 and limit 10', async () => {
    for (let i = 0; i < 12; i += 1) {
      await createExpert({ name: `Expert ${String(i).padStart(2, '0')}`, rating: 3 + i / 10 });
    }

    const first = await listExperts();
    expect(first.status).toBe(200);
    const body = first.body as { data: unknown[]; pagination: unknown };
    expect(body.data).toHaveLength(10);
    body.data.forEach((item) => ExpertSummarySchema.parse(item));
    expect(PaginationSchema.parse(body.pagination)).toEqual({
      page: 1,
      limit: 10,
      total: 12,
      totalPages: 2,
    });
    expect(names(first.body)[0]).toBe('Expert 11');

    const second = await listExperts('?page=2&limit=10');
    expect(names(second.body)).toEqual(['Expert 01', 'Expert 00']);

    const small = await listExperts('?page=3&limit=5');
    expect(names(small.body)).toEqual(['Expert 01', 'Expert 00']);
    expect((small.body as { pagination: unknown }).pagination).toEqual({
      page: 3,
      limit: 5,
      total: 12,
      totalPages: 3,
    });
  });

  it('searches names case-insensitively as literal text', async () => {
    await createExpert({ name: 'Grace Hopper' });
    await createExpert({ name: 'C++ Guru (Senior)' });
    await createExpert({ name: 'Alan Turing' });

    expect(names((await listExperts('?search=HOPPER')).body)).toEqual(['Grace Hopper']);
    expect(names((await listExperts(`?search=${encodeURIComponent('c++ guru (')}`)).body)).toEqual([
      'C++ Guru (Senior)',
    ]);
    expect(names((await listExperts(`?search=${encodeURIComponent('.*')}`)).body)).toEqual([]);
  });

  it('filters by exact category', async () => {
    await createExpert({ name: 'Designer', category: 'Design' });
    await createExpert({ name: 'Engineer', category: 'Software Engineering' });

    const answer = await listExperts('?category=Design');
    expect(names(answer.body)).toEqual(['Designer']);
    expect((answer.body as { pagination: { total: number } }).pagination.total).toBe(1);
  });

  it('shows each expert’s next free slot', async () => {
    // Every day 09:00, 10:00 and 14:00; on the test clock (10:00 UTC) today's 14:00 is next.
    const expert = await createExpert();
    await api.services.bookings.create(
      bookingInput(expert.id, { date: dayFromNow(0), timeSlot: '14:00-15:00' }),
    );

    const answer = await listExperts();
    const [summary] = (answer.body as { data: unknown[] }).data.map((item) =>
      ExpertSummarySchema.parse(item),
    );
    expect(summary?.nextAvailableSlot).toMatchObject({
      date: dayFromNow(1),
      timeSlot: '09:00-10:00',
    });
  });

  it.each([
    ['page 0', '?page=0', 'page'],
    ['a limit over 50', '?limit=1000', 'limit'],
    ['a page that is not a number', '?page=abc', 'page'],
    ['an object as a value', '?page[$gt]=1', 'page'],
    ['a repeated key', '?search=a&search=b', 'search'],
    ['a search with a control character (NUL)', '?search=%00', 'search'],
    ['a search over two lines', '?search=ada%0Alovelace', 'search'],
    ['an unknown category', '?category=Astrology', 'category'],
  ])('refuses %s with VALIDATION_ERROR naming the field', async (_label, query, field) => {
    const answer = await listExperts(query);
    expectValidationError(answer, { [field]: expect.any(String) });
  });
});

describe('GET /api/experts/:id', () => {
  it('returns the profile with the window’s slots, each free or taken with its reason', async () => {
    const expert = await createExpert({
      availability: onlyOn([
        // On the test clock (10:00 UTC) the 09:00 slot today has already started.
        { date: dayFromNow(0), timeSlots: ['09:00-10:00', '14:00-15:00'] },
        { date: dayFromNow(1), timeSlots: ['10:00-11:00', '09:00-10:00'] },
        { date: dayFromNow(-1), timeSlots: ['09:00-10:00'] },
      ]),
    });
    await api.services.bookings.create(bookingInput(expert.id, { date: dayFromNow(1) }));

    const answer = await callApi(api.baseUrl, `/api/experts/${expert.id}`);
    expect(answer.status).toBe(200);
    const data = ExpertSchema.parse((answer.body as { data: unknown }).data);
    expect(data).toMatchObject({ id: expert.id, name: expert.name, timezone: 'UTC' });
    expect(data.window).toEqual({
      from: dayFromNow(0),
      days: 14,
      today: dayFromNow(0),
      lastDay: dayFromNow(60),
      sessionMinutes: 60,
      sessionLengths: [60],
    });
    expect(
      data.slots.map(({ date, timeSlot, available, reason }) => ({
        date,
        timeSlot,
        available,
        reason,
      })),
    ).toEqual([
      { date: dayFromNow(0), timeSlot: '09:00-10:00', available: false, reason: 'past' },
      { date: dayFromNow(0), timeSlot: '14:00-15:00', available: true, reason: undefined },
      { date: dayFromNow(1), timeSlot: '09:00-10:00', available: false, reason: 'booked' },
      { date: dayFromNow(1), timeSlot: '10:00-11:00', available: true, reason: undefined },
    ]);
  });

  it('reads slot dates in the expert’s own time zone', async () => {
    const expert = await createExpert({
      timezone: 'Asia/Tokyo',
      availability: onlyOn([{ date: dayFromNow(1), timeSlots: ['09:00-10:00'] }]),
    });
    const answer = await callApi(api.baseUrl, `/api/experts/${expert.id}`);
    const [slot] = ExpertSchema.parse((answer.body as { data: unknown }).data).slots;
    // 09:00 in Tokyo (UTC+9) is midnight UTC.
    expect(slot?.startsAt).toBe(`${dayFromNow(1)}T00:00:00.000Z`);
  });

  it('answers 400 INVALID_ID for a malformed id and 404 NOT_FOUND for an unknown one', async () => {
    const malformed = await callApi(api.baseUrl, '/api/experts/not-an-id');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ code: 'INVALID_ID' });

    const unknown = await callApi(api.baseUrl, '/api/experts/0123456789abcdef01234567');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'NOT_FOUND' });
    expect(await BookingModel.countDocuments()).toBe(0);
  });
});

describe('experts.exists', () => {
  it('is true for a stored expert and false for an unknown or malformed id, without throwing', async () => {
    const expert = await createExpert();

    await expect(api.services.experts.exists(expert._id.toString())).resolves.toBe(true);
    await expect(api.services.experts.exists('0123456789abcdef01234567')).resolves.toBe(false);
    await expect(api.services.experts.exists('not-an-id')).resolves.toBe(false);
    await expect(api.services.experts.exists({ $ne: null })).resolves.toBe(false);
  });
});
