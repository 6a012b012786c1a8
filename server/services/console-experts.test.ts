import { describe, expect, it } from 'vitest';

import type { AvailabilityInput } from '../../shared/schemas/availability';
import { BookingModel, ExpertModel } from '../../models';
import { useApiServer } from '../../test/support/api-server';
import { bookingInput, createExpert, dayFromNow } from '../../test/support/builders';
import type { Actor } from './actor';

const api = await useApiServer();
const { experts, expertAdmin, bookings } = api.services;

const ADMIN: Actor = { role: 'admin' };
const expertActor = (expertId: string): Actor => ({ role: 'expert', expertId });

/** Mornings on weekdays only, 30-minute sessions, in Berlin. */
const MORNINGS: AvailabilityInput = {
  timezone: 'Europe/Berlin',
  sessionMinutes: 30,
  minimumNoticeMinutes: 0,
  horizonDays: 30,
  weeklyHours: {
    monday: [{ start: '08:00', end: '12:00' }],
    tuesday: [{ start: '08:00', end: '12:00' }],
    wednesday: [{ start: '08:00', end: '12:00' }],
    thursday: [{ start: '08:00', end: '12:00' }],
    friday: [{ start: '08:00', end: '12:00' }],
  },
  overrides: [{ date: dayFromNow(2), intervals: [] }],
};

const PROFILE = {
  name: 'Grace Hopper',
  category: 'Software Engineering',
  experience: 30,
  bio: 'Compilers, COBOL and explaining nanoseconds with a piece of wire.',
};

async function storedRules(id: string) {
  const expert = await ExpertModel.findById(id).lean();
  return { timezone: expert?.timezone, availability: expert?.availability };
}

describe('experts.updateAvailability', () => {
  it('saves an expert’s own rules, tells their open pages, and the catalogue follows', async () => {
    const expert = await createExpert();
    const saved = await experts.updateAvailability(expertActor(expert.id), expert.id, MORNINGS);
    expect(saved.timezone).toBe('Europe/Berlin');
    expect((await storedRules(expert.id)).availability?.sessionMinutes).toBe(30);
    expect(api.rulesChanged).toEqual([{ expertId: expert.id }]);
    const listed = await experts.list({ search: expert.name });
    // NOW is Monday 10:00 UTC, 11:00 in Berlin: the 11:00 session is starting, 11:30 is next.
    expect(listed.items[0]?.nextAvailableSlot).toMatchObject({
      date: dayFromNow(0),
      timeSlot: '11:30-12:00',
    });
  });

  it('refuses another expert’s rules as not found, even with a forged id, and stores nothing', async () => {
    const [mine, theirs] = [await createExpert(), await createExpert()];
    const before = await storedRules(theirs.id);
    for (const id of [theirs.id, theirs.id.toUpperCase()]) {
      await expect(
        experts.updateAvailability(expertActor(mine.id), id, MORNINGS),
      ).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    }
    await expect(experts.availabilityEditor(expertActor(mine.id), theirs.id)).rejects.toMatchObject(
      {
        code: 'NOT_FOUND',
      },
    );
    expect(await storedRules(theirs.id)).toEqual(before);
    expect(api.rulesChanged).toEqual([]);
  });

  it('lets an admin change any expert’s rules', async () => {
    const expert = await createExpert();
    await experts.updateAvailability(ADMIN, expert.id, MORNINGS);
    expect((await storedRules(expert.id)).timezone).toBe('Europe/Berlin');
  });

  it('answers invalid rules with a message per field and stores nothing', async () => {
    const expert = await createExpert();
    const before = await storedRules(expert.id);
    const invalid = {
      ...MORNINGS,
      timezone: 'Mars/Olympus',
      weeklyHours: {
        monday: [
          { start: '09:00', end: '12:00' },
          { start: '11:00', end: '13:00' },
        ],
      },
    };
    await expect(
      experts.updateAvailability(expertActor(expert.id), expert.id, invalid),
    ).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      fields: {
        timezone: 'Time zone must be an IANA name such as Europe/Berlin.',
        'weeklyHours.monday.1': 'Intervals on Monday overlap: 09:00–12:00 and 11:00–13:00.',
      },
    });
    expect(await storedRules(expert.id)).toEqual(before);
  });
});

describe('experts.availabilityEditor', () => {
  it('previews the next 7 days and keeps bookings the new rules no longer offer', async () => {
    const expert = await createExpert();
    const kept = await bookings.create(
      bookingInput(expert.id, { date: dayFromNow(3), timeSlot: '14:00-15:00' }),
    );
    await experts.updateAvailability(expertActor(expert.id), expert.id, {
      ...MORNINGS,
      timezone: 'UTC',
      sessionMinutes: 60,
    });
    const view = await experts.availabilityEditor(expertActor(expert.id), expert.id);
    const days = new Set(view.preview.map((slot) => slot.date));
    // Today to six days on; the weekend and the day off (day 2) offer nothing.
    expect([...days]).toEqual([0, 1, 3, 4].map(dayFromNow));
    expect(view.preview.find((slot) => slot.date === dayFromNow(1))).toMatchObject({
      timeSlot: '08:00-09:00',
      available: true,
    });
    expect(view.outsideRules).toEqual([{ date: dayFromNow(3), timeSlot: '14:00-15:00' }]);
    expect(await BookingModel.findById(kept.id).lean()).toMatchObject({ status: 'Pending' });
  });
});

describe('experts.previewAvailability', () => {
  it('gives the slots of rules not yet saved, stores nothing, and is refused like a save', async () => {
    const [mine, theirs] = [await createExpert(), await createExpert()];
    await bookings.create(bookingInput(mine.id, { date: dayFromNow(1), timeSlot: '09:00-10:00' }));
    const before = await storedRules(mine.id);
    const draft = { ...MORNINGS, timezone: 'UTC', sessionMinutes: 60 };
    const slots = await experts.previewAvailability(expertActor(mine.id), mine.id, draft);
    expect(slots.filter((slot) => slot.date === dayFromNow(1))).toEqual([
      expect.objectContaining({ timeSlot: '08:00-09:00', available: true }),
      expect.objectContaining({ timeSlot: '09:00-10:00', available: false, reason: 'booked' }),
      expect.objectContaining({ timeSlot: '10:00-11:00', available: true }),
      expect.objectContaining({ timeSlot: '11:00-12:00', available: true }),
    ]);
    expect(await storedRules(mine.id)).toEqual(before);
    expect(api.rulesChanged).toEqual([]);
    await expect(
      experts.previewAvailability(expertActor(mine.id), theirs.id, draft),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('previews any length the draft offers, with its buffers and daily limit', async () => {
    const expert = await createExpert();
    await bookings.create(
      bookingInput(expert.id, { date: dayFromNow(1), timeSlot: '09:00-10:00' }),
    );
    const draft = {
      ...MORNINGS,
      timezone: 'UTC',
      sessionMinutes: 60,
      extraSessionMinutes: [90],
      bufferBeforeMinutes: 15,
      startEveryMinutes: 30,
    };
    const actor = expertActor(expert.id);
    const long = await experts.previewAvailability(actor, expert.id, draft, { sessionMinutes: 90 });
    // 08:00 runs into the booked hour; 10:00 needs its 15 minutes before, which the hour holds.
    expect(long.filter((slot) => slot.date === dayFromNow(1))).toEqual([
      expect.objectContaining({ timeSlot: '08:00-09:30', available: false, reason: 'booked' }),
      expect.objectContaining({ timeSlot: '08:30-10:00', available: false, reason: 'booked' }),
      expect.objectContaining({ timeSlot: '09:00-10:30', available: false, reason: 'booked' }),
      expect.objectContaining({ timeSlot: '09:30-11:00', available: false, reason: 'booked' }),
      expect.objectContaining({ timeSlot: '10:00-11:30', available: false, reason: 'booked' }),
      expect.objectContaining({ timeSlot: '10:30-12:00', available: true }),
    ]);
    const limited = { ...draft, maxSessionsPerDay: 1 };
    const full = await experts.previewAvailability(actor, expert.id, limited);
    expect(full.filter((slot) => slot.date === dayFromNow(1)).map((slot) => slot.reason)).toEqual(
      expect.arrayContaining(['day_full']),
    );
    // A length the draft does not offer lists nothing.
    expect(
      await experts.previewAvailability(actor, expert.id, draft, { sessionMinutes: 45 }),
    ).toEqual([]);
  });
});

describe('expertAdmin', () => {
  it('refuses experts every admin operation with 403', async () => {
    const expert = await createExpert();
    const actor = expertActor(expert.id);
    const refusals = [
      expertAdmin.list(actor, {}),
      expertAdmin.profile(actor, expert.id),
      expertAdmin.create(actor, { ...PROFILE, timezone: 'UTC' }),
      expertAdmin.updateProfile(actor, expert.id, PROFILE),
    ];
    for (const refusal of refusals) {
      await expect(refusal).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await ExpertModel.countDocuments()).toBe(1);
    expect((await ExpertModel.findById(expert.id).lean())?.name).toBe(expert.name);
  });

  it('adds an expert who is listed in the public catalogue at once and bookable', async () => {
    const { id } = await expertAdmin.create(ADMIN, { ...PROFILE, timezone: 'America/New_York' });
    const listed = await experts.list({ search: 'grace' });
    expect(listed.items).toEqual([
      expect.objectContaining({ id, name: 'Grace Hopper', timezone: 'America/New_York' }),
    ]);
    expect(listed.items[0]?.nextAvailableSlot).not.toBeNull();
  });

  it('answers an invalid profile with a message per field and stores nothing', async () => {
    await expect(
      expertAdmin.create(ADMIN, { ...PROFILE, name: ' ', experience: 2.5, category: 'Astrology' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      fields: {
        name: 'Name must be at least 2 characters.',
        experience: 'Experience must be a whole number of years.',
        category: expect.stringContaining('Category must be one of'),
      },
    });
    expect(await ExpertModel.countDocuments()).toBe(0);
  });

  it('edits a profile; a new name reaches the list and the expert’s bookings', async () => {
    const expert = await createExpert();
    const booking = await bookings.create(bookingInput(expert.id));
    await expertAdmin.updateProfile(ADMIN, expert.id, { ...PROFILE, category: 'Design' });
    expect(await expertAdmin.profile(ADMIN, expert.id)).toMatchObject({
      ...PROFILE,
      category: 'Design',
    });
    const listed = await experts.list({ category: 'Design' });
    expect(listed.items.map((item) => item.name)).toEqual(['Grace Hopper']);
    expect((await BookingModel.findById(booking.id).lean())?.expertName).toBe('Grace Hopper');
    await expect(
      expertAdmin.updateProfile(ADMIN, '0123456789abcdef01234567', PROFILE),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('counts each expert’s active bookings of the current week in the expert’s own zone', async () => {
    // NOW is Monday 2030-03-04 10:00 UTC: already Monday in Tokyo, still Monday in Los Angeles
    // (02:00), so both weeks run 03-04 to 03-10.
    const tokyo = await createExpert({ name: 'Akira Tokyo', timezone: 'Asia/Tokyo' });
    const angeles = await createExpert({ name: 'Luz Angeles', timezone: 'America/Los_Angeles' });
    await bookings.create(bookingInput(tokyo.id, { date: dayFromNow(1) }));
    await bookings.create(bookingInput(tokyo.id, { date: dayFromNow(6), timeSlot: '14:00-15:00' }));
    await bookings.create(bookingInput(tokyo.id, { date: dayFromNow(7) }));
    const cancelled = await bookings.create(bookingInput(angeles.id, { date: dayFromNow(2) }));
    await bookings.cancel(cancelled.id, {}, { by: 'admin' });
    const page = await expertAdmin.list(ADMIN, { limit: '10' });
    expect(page.items.map(({ name, week }) => ({ name, ...week }))).toEqual([
      { name: 'Akira Tokyo', monday: '2030-03-04', sunday: '2030-03-10', bookings: 2 },
      { name: 'Luz Angeles', monday: '2030-03-04', sunday: '2030-03-10', bookings: 0 },
    ]);
    expect(page.pagination).toMatchObject({ total: 2, page: 1 });
  });
});
