import { beforeEach, describe, expect, it } from 'vitest';

import { BookingModel } from '../../models';
import { NOW, useApiServer } from '../../test/support/api-server';
import {
  bookingInput,
  createExpert,
  dayFromNow,
  DEFAULT_SLOTS,
  everyDay,
  onlyOn,
} from '../../test/support/builders';
import type { ConsoleActor } from './console-bookings';

let now = NOW;
const api = await useApiServer({ clock: () => now });
const { consoleBookings, bookings } = api.services;

beforeEach(() => {
  now = NOW;
});

const admin: ConsoleActor = { role: 'admin' };
const expertActor = (expertId: string): ConsoleActor => ({ role: 'expert', expertId });

function book(expertId: string, overrides: Record<string, unknown> = {}) {
  return bookings.create(bookingInput(expertId, overrides));
}

/** The domain error a call fails with, as a plain object to match on. */
async function failure(call: Promise<unknown>) {
  const error = await call.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (reason: unknown) => reason as { code: string; message: string; fields?: object },
  );
  return { code: error.code, message: error.message, fields: error.fields };
}

describe('who sees what', () => {
  it('shows an expert their own bookings only, and an admin everyone’s or one expert’s', async () => {
    const [ann, bob] = await Promise.all([createExpert(), createExpert()]);
    const annBooking = await book(ann.id);
    const bobBooking = await book(bob.id, { email: 'bob-client@example.com' });

    const annSees = await consoleBookings.list(expertActor(ann.id), {});
    expect(annSees.bookings.map((booking) => booking.id)).toEqual([annBooking.id]);
    expect(annSees.experts).toBeUndefined();

    const adminSees = await consoleBookings.list(admin, {});
    expect(adminSees.bookings.map((booking) => booking.id).sort()).toEqual(
      [annBooking.id, bobBooking.id].sort(),
    );
    expect(adminSees.experts?.map((expert) => expert.id).sort()).toEqual([ann.id, bob.id].sort());

    const onlyBob = await consoleBookings.list(admin, { expert: bob.id });
    expect(onlyBob.bookings.map((booking) => booking.id)).toEqual([bobBooking.id]);
  });

  it('answers NOT_FOUND when an expert names another expert in the filter', async () => {
    const [ann, bob] = await Promise.all([createExpert(), createExpert()]);
    await book(bob.id);
    expect(
      await failure(consoleBookings.list(expertActor(ann.id), { expert: bob.id })),
    ).toMatchObject({ code: 'NOT_FOUND' });
    // Their own id is fine, in either case.
    const own = await consoleBookings.list(expertActor(ann.id), { expert: ann.id.toUpperCase() });
    expect(own.bookings).toEqual([]);
  });

  it('answers NOT_FOUND for an admin filtering by an expert that does not exist', async () => {
    expect(
      await failure(consoleBookings.list(admin, { expert: '0123456789abcdef01234567' })),
    ).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses an expert account without an expert', async () => {
    expect(await failure(consoleBookings.list({ role: 'expert' }, {}))).toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it.each(['confirm', 'complete', 'cancel'])(
    'lets no expert %s another expert’s booking, by forging its id: NOT_FOUND, nothing changes',
    async (intent) => {
      const [ann, bob] = await Promise.all([createExpert(), createExpert()]);
      const bobBooking = await book(bob.id);
      const answer = await failure(
        consoleBookings.act(expertActor(ann.id), {
          intent,
          bookingId: bobBooking.id,
          reason: 'Not mine to cancel',
        }),
      );
      expect(answer).toMatchObject({ code: 'NOT_FOUND' });
      const stored = await BookingModel.findById(bobBooking.id).lean();
      expect(stored).toMatchObject({ status: 'Pending', history: [] });
      expect(api.released).toEqual([]);
    },
  );
});

describe('actions', () => {
  it('confirms, then completes once the session has started, recording the expert', async () => {
    const expert = await createExpert();
    const created = await book(expert.id, { date: dayFromNow(1), timeSlot: '09:00-10:00' });
    const actor = expertActor(expert.id);

    const confirmed = await consoleBookings.act(actor, {
      intent: 'confirm',
      bookingId: created.id,
    });
    expect(confirmed).toMatchObject({ status: 'Confirmed', history: [{ by: 'expert' }] });

    expect(
      await failure(consoleBookings.act(actor, { intent: 'complete', bookingId: created.id })),
    ).toEqual({
      code: 'INVALID_TRANSITION',
      message: 'This session has not started yet, so it cannot be completed.',
      fields: undefined,
    });

    now = new Date(created.startsAt);
    const completed = await consoleBookings.act(actor, {
      intent: 'complete',
      bookingId: created.id,
    });
    expect(completed.status).toBe('Completed');
    expect(completed.history.map((entry) => entry.to.status)).toEqual(['Confirmed', 'Completed']);
  });

  it('cancels with the reason it requires, freeing the slot', async () => {
    const expert = await createExpert();
    const created = await book(expert.id);
    const actor = expertActor(expert.id);

    for (const reason of [undefined, '   ']) {
      expect(
        await failure(
          consoleBookings.act(actor, { intent: 'cancel', bookingId: created.id, reason }),
        ),
      ).toMatchObject({
        code: 'VALIDATION_ERROR',
        fields: { reason: 'Say why the session is cancelled: the client reads it.' },
      });
    }
    const cancelled = await consoleBookings.act(actor, {
      intent: 'cancel',
      bookingId: created.id,
      reason: 'I am ill',
    });
    expect(cancelled).toMatchObject({
      status: 'Cancelled',
      history: [{ by: 'expert', reason: 'I am ill' }],
    });
    expect(api.released).toHaveLength(1);
  });

  it('refuses an unknown intent and a malformed id, changing nothing', async () => {
    const expert = await createExpert();
    const created = await book(expert.id);
    expect(
      await failure(consoleBookings.act(admin, { intent: 'delete', bookingId: created.id })),
    ).toMatchObject({ code: 'VALIDATION_ERROR' });
    expect(
      await failure(consoleBookings.act(admin, { intent: 'confirm', bookingId: 'nope' })),
    ).toMatchObject({ code: 'INVALID_ID' });
    expect((await BookingModel.findById(created.id).lean())?.status).toBe('Pending');
  });

  it('lets one of two people confirming at once win; the other learns it is already Confirmed', async () => {
    const expert = await createExpert();
    const created = await book(expert.id);
    const confirm = (actor: ConsoleActor) =>
      consoleBookings.act(actor, { intent: 'confirm', bookingId: created.id });

    const answers = await Promise.allSettled([confirm(expertActor(expert.id)), confirm(admin)]);

    expect(answers.filter((answer) => answer.status === 'fulfilled')).toHaveLength(1);
    const [lost] = answers.filter((answer) => answer.status === 'rejected');
    expect(lost?.reason).toMatchObject({
      code: 'INVALID_TRANSITION',
      message: 'This booking is already Confirmed.',
    });
    const stored = await BookingModel.findById(created.id).lean();
    expect(stored?.status).toBe('Confirmed');
    expect(stored?.history).toHaveLength(1);
  });
});

describe('filters, order and pages', () => {
  it('lists coming sessions soonest first, then started ones most recent first, with their actions', async () => {
    const expert = await createExpert();
    const early = await book(expert.id, { date: dayFromNow(1), timeSlot: '09:00-10:00' });
    const late = await book(expert.id, { date: dayFromNow(3), timeSlot: '14:00-15:00' });
    const middle = await book(expert.id, { date: dayFromNow(2), timeSlot: '10:00-11:00' });
    const farther = await book(expert.id, { date: dayFromNow(4), timeSlot: '09:00-10:00' });
    await consoleBookings.act(admin, { intent: 'confirm', bookingId: early.id });
    await consoleBookings.act(admin, { intent: 'confirm', bookingId: middle.id });
    // Two days on: `early` and `middle` have happened, `late` and `farther` are to come.
    now = new Date(NOW.getTime() + 2 * 24 * 60 * 60 * 1000 + 60 * 60 * 1000);

    const { bookings: rows } = await consoleBookings.list(expertActor(expert.id), {});
    expect(rows.map((row) => [row.id, row.started, row.actions])).toEqual([
      [late.id, false, ['confirm', 'cancel']],
      [farther.id, false, ['confirm', 'cancel']],
      [middle.id, true, ['complete']],
      [early.id, true, ['complete']],
    ]);
  });

  it('filters by status and by an inclusive range of dates', async () => {
    const expert = await createExpert();
    const days = [1, 2, 3, 4].map((offset) => dayFromNow(offset));
    const made = [];
    for (const date of days) made.push(await book(expert.id, { date }));
    await consoleBookings.act(admin, { intent: 'confirm', bookingId: made[1]!.id });
    const actor = expertActor(expert.id);

    const confirmed = await consoleBookings.list(actor, { status: 'Confirmed' });
    expect(confirmed.bookings.map((row) => row.id)).toEqual([made[1]!.id]);
    expect(confirmed.filters.status).toBe('Confirmed');

    const ranged = await consoleBookings.list(actor, { from: days[1], to: days[2] });
    expect(ranged.bookings.map((row) => row.date)).toEqual([days[1], days[2]]);
    expect(ranged.filters).toEqual({ from: days[1], to: days[2] });

    // Empty fields of the GET form mean "no filter".
    const blank = await consoleBookings.list(actor, { status: '', from: '', to: '', expert: '' });
    expect(blank.bookings).toHaveLength(4);
  });

  it('fills in the range around today in the expert’s zone', async () => {
    now = new Date('2030-03-04T03:00:00Z');
    const [west, east] = await Promise.all([
      createExpert({ timezone: 'America/Los_Angeles' }),
      createExpert({ timezone: 'Asia/Tokyo' }),
    ]);
    // 3 March in Los Angeles, 4 March in Tokyo.
    expect((await consoleBookings.list(expertActor(west.id), {})).filters).toEqual({
      from: '2030-02-24',
      to: '2030-05-02',
    });
    expect((await consoleBookings.list(expertActor(east.id), {})).filters).toEqual({
      from: '2030-02-25',
      to: '2030-05-03',
    });
    expect((await consoleBookings.list(admin, { from: '2030-03-10' })).filters).toEqual({
      from: '2030-03-10',
      to: '2030-05-09',
    });
  });

  it.each([
    ['an end before the start', { from: '2030-03-10', to: '2030-03-09' }, 'to'],
    ['a range over 92 days', { from: '2030-03-01', to: '2030-06-01' }, 'to'],
    ['an unknown status', { status: 'Lost' }, 'status'],
    ['a date that does not exist', { from: '2030-02-30' }, 'from'],
    ['page 0', { page: '0' }, 'page'],
    ['a repeated status', { status: ['Pending', 'Confirmed'] }, 'status'],
  ])('refuses %s with VALIDATION_ERROR naming the field', async (_what, query, field) => {
    const answer = await failure(consoleBookings.list(admin, query));
    expect(answer.code).toBe('VALIDATION_ERROR');
    expect(Object.keys(answer.fields ?? {})).toEqual([field]);
  });

  it('pages 20 at a time and says how many there are', async () => {
    const expert = await createExpert();
    const ids: string[] = [];
    for (let day = 1; day <= 9; day++) {
      for (const timeSlot of ['09:00-10:00', '10:00-11:00', '14:00-15:00']) {
        ids.push((await book(expert.id, { date: dayFromNow(day), timeSlot })).id);
      }
    }
    const actor = expertActor(expert.id);
    const first = await consoleBookings.list(actor, {});
    const second = await consoleBookings.list(actor, { page: '2' });
    const beyond = await consoleBookings.list(actor, { page: '3' });

    expect(first.pagination).toEqual({ page: 1, limit: 20, total: 27, totalPages: 2 });
    expect([...first.bookings, ...second.bookings].map((row) => row.id)).toEqual(ids);
    expect(second.bookings).toHaveLength(7);
    expect(beyond.bookings).toEqual([]);
  });
});

describe('an admin over every expert', () => {
  it('pages through coming, then started sessions in time order across zones a day apart', async () => {
    // UTC+14 and UTC−11: the same local day starts 25 hours apart.
    const [east, west] = await Promise.all([
      createExpert({ timezone: 'Pacific/Kiritimati' }),
      createExpert({ timezone: 'Pacific/Pago_Pago' }),
    ]);
    const made: { id: string; startsAt: string }[] = [];
    for (let day = 1; day <= 6; day++) {
      for (const expert of [east, west]) {
        for (const timeSlot of DEFAULT_SLOTS) {
          made.push(await book(expert.id, { date: dayFromNow(day), timeSlot }));
        }
      }
    }
    // Three days on: some have started, most are to come.
    now = new Date(NOW.getTime() + 3 * 24 * 60 * 60 * 1000);
    const coming = made.filter((booking) => new Date(booking.startsAt) >= now);
    const started = made.filter((booking) => new Date(booking.startsAt) < now);
    // Sessions starting at the same instant (09:00 west and 10:00 east the next day) keep the
    // order of their ids.
    type Made = { id: string; startsAt: string };
    const byId = (a: Made, b: Made) => a.id.localeCompare(b.id);
    const soonest = (a: Made, b: Made) => a.startsAt.localeCompare(b.startsAt) || byId(a, b);
    const latest = (a: Made, b: Made) => b.startsAt.localeCompare(a.startsAt) || byId(a, b);
    const expected = [...coming.sort(soonest), ...started.sort(latest)];
    expect(started.length).toBeGreaterThan(0);

    const first = await consoleBookings.list(admin, {});
    const second = await consoleBookings.list(admin, { page: '2' });

    expect([...first.bookings, ...second.bookings].map((row) => row.id)).toEqual(
      expected.map((booking) => booking.id),
    );
    // The first page read only as far as it needed: how many there are is not known yet.
    expect(first.pagination).toEqual({ page: 1, limit: 20, total: null, totalPages: 2 });
    expect(second.pagination).toEqual({ page: 2, limit: 20, total: 36, totalPages: 2 });
    expect(first.bookings.map((row) => row.expertName)).toContain(east.name);
    expect(first.bookings.map((row) => row.expertName)).toContain(west.name);
  });

  it('reads past the day it filled the page on, for zones whose next day starts earlier', async () => {
    const hours = Array.from({ length: 8 }, (_, i) => `${10 + i}:00-${11 + i}:00`);
    const [west, east] = await Promise.all([
      createExpert({ timezone: 'Pacific/Pago_Pago', availability: everyDay(hours) }),
      createExpert({ timezone: 'Pacific/Kiritimati', availability: everyDay(['10:00-11:00']) }),
    ]);
    for (let day = 2; day <= 5; day++) {
      for (const timeSlot of hours) await book(west.id, { date: dayFromNow(day), timeSlot });
    }
    // 10:00 on day 6 at UTC+14 is 19:00 UTC on day 5: before every west session of day 5.
    const early = await book(east.id, { date: dayFromNow(6), timeSlot: '10:00-11:00' });
    now = new Date(NOW.getTime() + 3 * 24 * 60 * 60 * 1000);

    const { bookings: rows } = await consoleBookings.list(admin, {});

    const starts = rows.map((row) => row.startsAt);
    expect(starts).toEqual([...starts].sort());
    // West's days 3 and 4 come first (16 sessions), then the east session.
    expect(rows.findIndex((row) => row.id === early.id)).toBe(16);
  });

  it('applies the status filter and the range to every expert', async () => {
    const [one, two] = await Promise.all([createExpert(), createExpert()]);
    const kept = await book(one.id, { date: dayFromNow(2) });
    await book(two.id, { date: dayFromNow(3) });
    const outside = await book(two.id, { date: dayFromNow(5) });
    await consoleBookings.act(admin, { intent: 'confirm', bookingId: kept.id });
    await consoleBookings.act(admin, { intent: 'confirm', bookingId: outside.id });

    const page = await consoleBookings.list(admin, {
      status: 'Confirmed',
      from: dayFromNow(1),
      to: dayFromNow(4),
    });
    expect(page.bookings.map((row) => row.id)).toEqual([kept.id]);
    expect(page.pagination.total).toBe(1);
  });
});

describe('date ranges across clock changes', () => {
  // New York springs forward on 10 March 2030, Berlin on 31 March: a session late on the
  // evening of the change starts on the next day in UTC, and still belongs to its local day.
  it.each([
    ['America/New_York', '2030-03-10'],
    ['Europe/Berlin', '2030-03-31'],
  ])('keeps %s sessions on their local day around %s', async (timezone, changeDay) => {
    const before = addDay(changeDay, -1);
    const after = addDay(changeDay, 1);
    const expert = await createExpert({
      timezone,
      availability: {
        ...onlyOn(
          [before, changeDay, after].map((date) => ({
            date,
            timeSlots: ['00:00-01:00', '23:00-24:00'],
          })),
        ),
        minimumNoticeMinutes: 0,
      },
    });
    for (const date of [before, changeDay, after]) {
      for (const timeSlot of ['00:00-01:00', '23:00-24:00']) {
        await book(expert.id, {
          date,
          timeSlot,
          email: `${date}-${timeSlot.slice(0, 2)}@x.example`,
        });
      }
    }
    const { bookings: rows } = await consoleBookings.list(expertActor(expert.id), {
      from: changeDay,
      to: changeDay,
    });
    expect(rows.map((row) => [row.date, row.timeSlot])).toEqual([
      [changeDay, '00:00-01:00'],
      [changeDay, '23:00-24:00'],
    ]);
    // One of the two starts on another day in UTC: a range read in UTC would lose it.
    expect(rows.map((row) => row.startsAt.slice(0, 10))).toContain(
      timezone === 'Europe/Berlin' ? before : after,
    );
  });
});

function addDay(date: string, days: number): string {
  const day = new Date(`${date}T12:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}
