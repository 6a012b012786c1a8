import { DateTime } from 'luxon';

import { BookingModel, ExpertModel } from '../../models';
import { NOW } from './api-server';

let sequence = 0;

/** `YYYY-MM-DD` that is `offset` days after the fixed test clock, in UTC. */
export function dayFromNow(offset: number): string {
  return DateTime.fromJSDate(NOW, { zone: 'UTC' }).plus({ days: offset }).toISODate() ?? '';
}

export const DEFAULT_SLOTS = ['09:00-10:00', '10:00-11:00', '14:00-15:00'];

/** Stores an expert with unique values; by default it offers three slots on each of the next 3 days. */
export async function createExpert(
  overrides: Partial<{
    name: string;
    bio: string;
    category: string;
    rating: number;
    experience: number;
    timezone: string;
    availability: { date: string; timeSlots: string[] }[];
  }> = {},
) {
  sequence += 1;
  const name = overrides.name ?? `Test Expert ${sequence}`;
  const expert = await ExpertModel.create({
    slug: `test-expert-${sequence}-${Math.random().toString(36).slice(2, 8)}`,
    name,
    category: 'Software Engineering',
    experience: 7,
    rating: 4.5,
    bio: `${name} helps teams ship reliable software.`,
    timezone: 'UTC',
    availability: [1, 2, 3].map((offset) => ({
      date: dayFromNow(offset),
      timeSlots: DEFAULT_SLOTS,
    })),
    ...overrides,
  });
  return { ...expert.toObject(), id: expert._id.toString() };
}

export function bookingInput(
  expertId: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    expertId,
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    phone: '+44 20 7946 0958',
    date: dayFromNow(1),
    timeSlot: '09:00-10:00',
    notes: 'Reviewing an analytical engine design.',
    ...overrides,
  };
}

export function countBookings(): Promise<number> {
  return BookingModel.countDocuments();
}
