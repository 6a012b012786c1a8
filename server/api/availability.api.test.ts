import { beforeEach, describe, expect, it } from 'vitest';

import { AvailabilitySchema, type AvailabilityInput } from '../../shared/schemas/availability';
import { ExpertSchema, ExpertSummarySchema } from '../../shared/schemas/expert';
import { BookingModel } from '../../models';
import { buildCatalogue } from '../../scripts/seed/catalogue';
import { seedDatabase } from '../../scripts/seed/seed-database';
import { ADMIN_TOKEN, callApi, NOW, useApiServer } from '../../test/support/api-server';
import { expectValidationError } from '../../test/support/api-expectations';
import {
  bookingInput,
  countBookings,
  createExpert,
  dayFromNow,
  everyDay,
} from '../../test/support/builders';
import { signedInCookie } from '../../test/support/session-cookie';
import { createUser } from '../../test/support/sign-in';

const DAY = 24 * 60 * 60 * 1000;

/** The server's clock; moved by the tests that look weeks ahead. */
let now = NOW;
const api = await useApiServer({ clock: () => now });

beforeEach(() => {
  now = NOW;
});

function getExpert(id: string, query = '') {
  return callApi(api.baseUrl, `/api/experts/${id}${query}`);
}

function expertOf(answer: { body: unknown }) {
  return ExpertSchema.parse((answer.body as { data: unknown }).data);
}

function putRules(id: string, json: unknown, token: string | null = ADMIN_TOKEN) {
  return callApi(api.baseUrl, `/api/experts/${id}/availability`, {
    method: 'PUT',
    json,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
}

const WEEKDAY_RULES: AvailabilityInput = {
  timezone: 'Europe/Berlin',
  sessionMinutes: 30,
  minimumNoticeMinutes: 120,
  horizonDays: 21,
  weeklyHours: {
    monday: [
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '17:00' },
    ],
    tuesday: [{ start: '09:00', end: '12:00' }],
  },
  overrides: [{ date: dayFromNow(7), intervals: [] }],
};

describe('GET /api/experts/:id?from=&days=', () => {
  it('returns the slots of the asked window, and of 14 days from today by default', async () => {
    const expert = await createExpert();
    const byDefault = expertOf(await getExpert(expert.id));
    expect(byDefault.window).toMatchObject({ from: dayFromNow(0), days: 14 });
    expect(new Set(byDefault.slots.map((slot) => slot.date)).size).toBe(14);

    const answer = await getExpert(expert.id, `?from=${dayFromNow(20)}&days=3`);
    expect(answer.status).toBe(200);
    const week = expertOf(answer);
    expect(week.window).toEqual({
      from: dayFromNow(20),
      days: 3,
      today: dayFromNow(0),
      lastDay: dayFromNow(60),
      sessionMinutes: 60,
      sessionLengths: [60],
    });
    expect(week.slots.map((slot) => slot.date)).toEqual(
      [20, 21, 22].flatMap((offset) => Array(3).fill(dayFromNow(offset))),
    );
    expect(week.slots.every((slot) => slot.available)).toBe(true);
  });

  it('offers nothing beyond the horizon nor before today', async () => {
    const expert = await createExpert();
    const edge = expertOf(await getExpert(expert.id, `?from=${dayFromNow(59)}&days=5`));
    expect([...new Set(edge.slots.map((slot) => slot.date))]).toEqual([
      dayFromNow(59),
      dayFromNow(60),
    ]);
    const beyond = expertOf(await getExpert(expert.id, `?from=${dayFromNow(61)}&days=7`));
    expect(beyond.slots).toEqual([]);
    const before = expertOf(await getExpert(expert.id, `?from=${dayFromNow(-7)}&days=7`));
    expect(before.slots).toEqual([]);
  });

  it('marks slots too soon inside the minimum notice', async () => {
    const expert = await createExpert({
      availability: { ...everyDay(), minimumNoticeMinutes: 300 },
    });
    // 10:00 UTC now: 14:00 today is within five hours' notice, tomorrow's 09:00 is not.
    const { slots } = expertOf(await getExpert(expert.id, '?days=2'));
    expect(slots.slice(0, 4).map((slot) => [slot.timeSlot, slot.reason])).toEqual([
      ['09:00-10:00', 'past'],
      ['10:00-11:00', 'past'],
      ['14:00-15:00', 'too_soon'],
      ['09:00-10:00', undefined],
    ]);
  });

  it.each([
    ['a date that does not exist', '?from=2030-02-30', 'from'],
    ['a date in another format', '?from=04/03/2030', 'from'],
    ['days 0', '?days=0', 'days'],
    ['days over 62', '?days=63', 'days'],
    ['days that is not a number', '?days=week', 'days'],
    ['days as an object', '?days[$gt]=1', 'days'],
  ])('answers 400 VALIDATION_ERROR for %s', async (_label, query, field) => {
    const expert = await createExpert();
    const answer = await getExpert(expert.id, query);
    expectValidationError(answer, { [field]: expect.any(String) });
  });
});

describe('GET /api/experts/:id/availability', () => {
  it('returns the rules with the expert’s zone', async () => {
    const expert = await createExpert({ timezone: 'Asia/Tokyo' });
    const answer = await callApi(api.baseUrl, `/api/experts/${expert.id}/availability`);
    expect(answer.status).toBe(200);
    const rules = AvailabilitySchema.parse((answer.body as { data: unknown }).data);
    expect(rules).toMatchObject({ timezone: 'Asia/Tokyo', sessionMinutes: 60, horizonDays: 60 });
    expect(rules.weeklyHours.monday).toEqual([
      { start: '09:00', end: '10:00' },
      { start: '10:00', end: '11:00' },
      { start: '14:00', end: '15:00' },
    ]);
  });

  it('answers 400 INVALID_ID and 404 NOT_FOUND', async () => {
    expect((await callApi(api.baseUrl, '/api/experts/nope/availability')).status).toBe(400);
    const unknown = await callApi(
      api.baseUrl,
      '/api/experts/0123456789abcdef01234567/availability',
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('PUT /api/experts/:id/availability', () => {
  it('replaces the rules; the page, the list and booking follow; bookings stay', async () => {
    const expert = await createExpert();
    const booked = await api.services.bookings.create(bookingInput(expert.id));

    const answer = await putRules(expert.id, WEEKDAY_RULES);
    expect(answer.status).toBe(200);
    const data = AvailabilitySchema.parse((answer.body as { data: unknown }).data);
    expect(data).toEqual(AvailabilitySchema.parse(WEEKDAY_RULES));
    const read = await callApi(api.baseUrl, `/api/experts/${expert.id}/availability`);
    expect((read.body as { data: unknown }).data).toEqual(data);

    // 2030-03-04 is a Monday; 10:00 UTC is 11:00 in Berlin, with two hours' notice.
    const page = expertOf(await getExpert(expert.id, '?days=2'));
    expect(page.timezone).toBe('Europe/Berlin');
    expect(page.slots.filter((slot) => slot.available)[0]).toMatchObject({
      date: dayFromNow(0),
      timeSlot: '13:00-13:30',
    });
    const { data: list } = (await callApi(api.baseUrl, '/api/experts')).body as {
      data: unknown[];
    };
    expect(ExpertSummarySchema.parse(list[0]).nextAvailableSlot).toMatchObject({
      date: dayFromNow(0),
      timeSlot: '13:00-13:30',
    });

    // The booked 09:00-10:00 tomorrow is no longer offered, yet it stays booked and taken.
    expect(await BookingModel.exists({ _id: booked.id })).not.toBeNull();
    const again = await callApi(api.baseUrl, '/api/bookings', {
      method: 'POST',
      json: bookingInput(expert.id, { email: 'grace@example.com' }),
    });
    expect(again.status).toBe(422);
    await putRules(expert.id, { timezone: 'UTC', ...everyDay() });
    const whenOfferedAgain = await callApi(api.baseUrl, '/api/bookings', {
      method: 'POST',
      json: bookingInput(expert.id, { email: 'grace@example.com' }),
    });
    expect(whenOfferedAgain.status).toBe(409);
    const mine = await callApi(api.baseUrl, '/api/bookings?email=ada@example.com', {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect((mine.body as { data: { timeSlot: string }[] }).data).toMatchObject([
      { timeSlot: '09:00-10:00' },
    ]);
    expect(await countBookings()).toBe(1);
  });

  it('takes the largest rules the schema allows, well over the 16 KB of other bodies', async () => {
    const expert = await createExpert();
    const day = Array.from({ length: 12 }, (_, hour) => ({
      start: `${String(hour * 2).padStart(2, '0')}:00`,
      end: `${String(hour * 2).padStart(2, '0')}:30`,
    }));
    const overrides = Array.from({ length: 400 }, (_, index) => ({
      date: new Date(NOW.getTime() + index * DAY).toISOString().slice(0, 10),
      intervals: day,
    }));
    const rules = { ...WEEKDAY_RULES, horizonDays: 365, overrides };
    expect(JSON.stringify(rules).length).toBeGreaterThan(100_000);

    const answer = await putRules(expert.id, rules);
    expect(answer.status).toBe(200);
    expect((answer.body as { data: { overrides: unknown[] } }).data.overrides).toHaveLength(400);
  });

  it('answers 400 naming each bad field, and changes nothing', async () => {
    const expert = await createExpert();
    const answer = await putRules(expert.id, {
      timezone: 'Mars/Olympus_Mons',
      sessionMinutes: 25,
      horizonDays: 0,
      weeklyHours: {
        monday: [
          { start: '09:00', end: '12:00' },
          { start: '11:00', end: '13:00' },
        ],
        tuesday: [{ start: '17:00', end: '09:00' }],
        wednesday: [{ start: '09:00', end: '25:00' }],
      },
      overrides: [{ date: '2030-02-30', intervals: [] }],
    });
    expectValidationError(answer, {
      timezone: expect.stringContaining('IANA'),
      sessionMinutes: expect.stringContaining('Session length'),
      horizonDays: expect.stringContaining('Booking horizon'),
      'weeklyHours.tuesday.0.end': 'An interval must end after it starts.',
      'weeklyHours.wednesday.0.end': expect.stringContaining('24:00'),
      'overrides.0.date': 'Date is not a real calendar day.',
    });
    const overlap = await putRules(expert.id, {
      ...WEEKDAY_RULES,
      weeklyHours: {
        monday: [
          { start: '09:00', end: '12:00' },
          { start: '11:00', end: '13:00' },
        ],
      },
    });
    expect(overlap.body).toMatchObject({
      fields: { 'weeklyHours.monday.1': expect.stringContaining('overlap') },
    });
    const read = await callApi(api.baseUrl, `/api/experts/${expert.id}/availability`);
    expect((read.body as { data: { timezone: string } }).data.timezone).toBe('UTC');
  });

  it('needs the admin token: 401 without, 403 with a wrong one; 404 for an unknown expert', async () => {
    const expert = await createExpert();
    expect((await putRules(expert.id, WEEKDAY_RULES, null)).status).toBe(401);
    expect((await putRules(expert.id, WEEKDAY_RULES, 'wrong-token-0123456789')).status).toBe(403);
    const unknown = await putRules('0123456789abcdef01234567', WEEKDAY_RULES);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'NOT_FOUND' });
  });

  describe('from a console session', () => {
    function putAsSignedIn(id: string, json: unknown, headers: Record<string, string>) {
      return callApi(api.baseUrl, `/api/experts/${id}/availability`, {
        method: 'PUT',
        json,
        headers,
      });
    }

    it("lets an expert replace their own rules from this site, and nobody else's", async () => {
      const own = await createExpert();
      const other = await createExpert();
      const user = await createUser({ role: 'expert', expertId: own.id });
      const cookie = await signedInCookie(api.baseUrl, user);
      const sameSite = { cookie, origin: api.baseUrl };
      const otherBefore = await callApi(api.baseUrl, `/api/experts/${other.id}/availability`);

      const mine = await putAsSignedIn(own.id, WEEKDAY_RULES, sameSite);
      expect(mine.status).toBe(200);
      expect((mine.body as { data: { timezone: string } }).data.timezone).toBe('Europe/Berlin');

      // Another expert's rules are "not found", whichever way the id is spelled.
      for (const id of [other.id, other.id.toUpperCase()]) {
        const theirs = await putAsSignedIn(id, WEEKDAY_RULES, sameSite);
        expect(theirs.status).toBe(404);
      }
      const otherAfter = await callApi(api.baseUrl, `/api/experts/${other.id}/availability`);
      expect(otherAfter.body).toEqual(otherBefore.body);
    });

    it('refuses a session sent from another site, a forged cookie and no credentials at all', async () => {
      const expert = await createExpert();
      const user = await createUser({ role: 'expert', expertId: expert.id });
      const cookie = await signedInCookie(api.baseUrl, user);
      const before = await callApi(api.baseUrl, `/api/experts/${expert.id}/availability`);

      const crossSite = await putAsSignedIn(expert.id, WEEKDAY_RULES, {
        cookie,
        origin: 'https://elsewhere.example',
      });
      expect(crossSite.status).toBe(403);
      expect(crossSite.body).toMatchObject({ code: 'FORBIDDEN' });
      const fetchedCrossSite = await putAsSignedIn(expert.id, WEEKDAY_RULES, {
        cookie,
        'sec-fetch-site': 'cross-site',
      });
      expect(fetchedCrossSite.status).toBe(403);

      const forged = await putAsSignedIn(expert.id, WEEKDAY_RULES, {
        cookie: `${cookie.slice(0, -4)}AAAA`,
        origin: api.baseUrl,
      });
      expect(forged.status).toBe(401);
      expect(forged.body).toMatchObject({ code: 'UNAUTHORIZED' });

      const anonymous = await putRules(expert.id, WEEKDAY_RULES, null);
      expect(anonymous.status).toBe(401);

      const after = await callApi(api.baseUrl, `/api/experts/${expert.id}/availability`);
      expect(after.body).toEqual(before.body);
    });
  });
});

describe('POST /api/bookings against the rules', () => {
  it.each([
    ['not offered', { date: dayFromNow(1), timeSlot: '09:00-10:00' }, /does not offer/],
    [
      'too soon',
      { date: dayFromNow(0), timeSlot: '11:30-12:00' },
      /too soon: .* needs at least 2 hours of notice \(minimum notice\)/,
    ],
    [
      'beyond the horizon',
      { date: dayFromNow(28), timeSlot: '09:00-09:30' },
      /beyond the booking horizon: .* takes bookings up to 21 days ahead/,
    ],
    ['started', { date: dayFromNow(0), timeSlot: '09:00-09:30' }, /already started/],
  ])('refuses a slot %s with 422 SLOT_UNAVAILABLE saying so', async (_label, slot, message) => {
    const expert = await createExpert();
    // Mondays 09:00–17:00 with lunch, Tuesdays mornings, two hours' notice, 21 days ahead.
    await putRules(expert.id, { ...WEEKDAY_RULES, timezone: 'UTC' });
    const answer = await callApi(api.baseUrl, '/api/bookings', {
      method: 'POST',
      json: bookingInput(expert.id, slot),
    });
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({
      code: 'SLOT_UNAVAILABLE',
      message: expect.stringMatching(message),
    });
    expect(await countBookings()).toBe(0);
  });
});

describe('the seeded catalogue', () => {
  it.each([30, 59])('still has free slots for every expert %i days after seeding', async (days) => {
    const experts = buildCatalogue({ today: NOW });
    await seedDatabase({ experts });
    now = new Date(NOW.getTime() + days * DAY);
    await api.catalogue.rebuild();

    const listed = [];
    for (const page of [1, 2]) {
      const answer = await callApi(api.baseUrl, `/api/experts?limit=50&page=${page}`);
      listed.push(
        ...(answer.body as { data: unknown[] }).data.map((item) => ExpertSummarySchema.parse(item)),
      );
    }
    expect(listed).toHaveLength(experts.length);
    for (const expert of listed) {
      expect(expert.nextAvailableSlot, expert.name).not.toBeNull();
      expect(new Date(expert.nextAvailableSlot!.startsAt).getTime()).toBeGreaterThan(now.getTime());
    }
    const { slots } = expertOf(await getExpert(listed[0]!.id));
    expect(slots.some((slot) => slot.available)).toBe(true);
  });
});
