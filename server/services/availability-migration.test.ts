import mongoose from 'mongoose';
import { heldHour } from '../../test/support/older-booking';
import { describe, expect, it } from 'vitest';

import { BookingModel, ExpertModel } from '../../models';
import { useEmptiedTestDatabase } from '../../test/support/database';
import { migrateDatedAvailability, rulesFromDatedDays } from './availability-migration';
import { NOTHING_BOOKED, slotsForWindow } from './availability';
import { rulesOf } from './slot-schedule';

await useEmptiedTestDatabase();

// 10:00 in Berlin on 2030-03-04.
const NOW = new Date('2030-03-04T09:00:00Z');

const DATED = [
  { date: '2030-03-03', timeSlots: ['09:00-10:00'] },
  { date: '2030-03-04', timeSlots: ['09:00-10:00', '14:00-15:00'] },
  { date: '2030-03-05', timeSlots: ['10:00-11:00', '09:00-10:00', '16:30-17:30'] },
  { date: '2030-03-06', timeSlots: [] },
  { date: '2030-05-20', timeSlots: ['08:00-09:00'] },
];

describe('rulesFromDatedDays', () => {
  it('offers exactly the coming dated slots as overrides, with the slots’ session length', () => {
    const { rules, dropped } = rulesFromDatedDays(DATED, 'Europe/Berlin', NOW);
    expect(dropped).toBe(0);
    expect(rules).toMatchObject({
      timezone: 'Europe/Berlin',
      sessionMinutes: 60,
      minimumNoticeMinutes: 0,
      // The last dated day is 77 days ahead: the horizon reaches it.
      horizonDays: 77,
      overrides: [
        {
          date: '2030-03-04',
          intervals: [
            { start: '09:00', end: '10:00' },
            { start: '14:00', end: '15:00' },
          ],
        },
        {
          date: '2030-03-05',
          intervals: [
            { start: '09:00', end: '10:00' },
            { start: '10:00', end: '11:00' },
            { start: '16:30', end: '17:30' },
          ],
        },
        { date: '2030-05-20', intervals: [{ start: '08:00', end: '09:00' }] },
      ],
    });
    expect(Object.values(rules.weeklyHours).flat()).toEqual([]);
    const offered = slotsForWindow(rules, { from: '2030-03-03', days: 62 }, NOW, NOTHING_BOOKED);
    expect(offered.map((slot) => `${slot.date} ${slot.timeSlot}`)).toEqual([
      '2030-03-04 09:00-10:00',
      '2030-03-04 14:00-15:00',
      '2030-03-05 09:00-10:00',
      '2030-03-05 10:00-11:00',
      '2030-03-05 16:30-17:30',
    ]);
  });

  it('counts labels it cannot express: another length, an overlap, nonsense', () => {
    const { rules, dropped } = rulesFromDatedDays(
      [{ date: '2030-03-05', timeSlots: ['09:00-10:00', '09:30-10:30', '11:00-11:30', 'soon'] }],
      'UTC',
      NOW,
    );
    expect(rules.overrides).toEqual([
      { date: '2030-03-05', intervals: [{ start: '09:00', end: '10:00' }] },
    ]);
    expect(dropped).toBe(3);
  });
});

describe('migrateDatedAvailability', () => {
  async function insertOldExpert(slug: string, availability: unknown) {
    // Written through the driver: the model no longer accepts the old shape.
    const _id = new mongoose.Types.ObjectId();
    await ExpertModel.collection.insertOne({
      _id,
      slug,
      name: `Old ${slug}`,
      category: 'Design',
      experience: 3,
      rating: 4,
      bio: 'Carried a dated list.',
      timezone: 'Europe/Berlin',
      availability,
    });
    return _id;
  }

  it('converts every old expert once, keeps bookings, and leaves rules alone', async () => {
    const oldId = await insertOldExpert('dated', DATED);
    const emptyId = await insertOldExpert('empty', []);
    await BookingModel.create({
      expertId: oldId,
      expertName: 'Old dated',
      timezone: 'Europe/Berlin',
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      phone: '+44 20 7946 0958',
      date: '2030-03-05',
      timeSlot: '09:00-10:00',
      ...heldHour(new Date('2030-03-05T08:00:00Z')),
      idempotencyKey: 'migration-test',
    });

    expect(await migrateDatedAvailability(NOW)).toEqual({ experts: 2, dropped: 0 });
    const migrated = await ExpertModel.findById(oldId).lean().orFail();
    expect(rulesOf(migrated)).toEqual(rulesFromDatedDays(DATED, 'Europe/Berlin', NOW).rules);
    const empty = await ExpertModel.findById(emptyId).lean().orFail();
    expect(rulesOf(empty).overrides).toEqual([]);

    const before = await ExpertModel.find({}).lean();
    expect(await migrateDatedAvailability(new Date('2030-03-10T00:00:00Z'))).toEqual({
      experts: 0,
      dropped: 0,
    });
    expect(await ExpertModel.find({}).lean()).toEqual(before);
    expect(await BookingModel.countDocuments({ expertId: oldId })).toBe(1);
  });
});
