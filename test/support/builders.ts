import { DateTime } from 'luxon';

import {
  minutesOfDay,
  timeOfDay,
  WEEKDAYS,
  type AvailabilityInput,
  type Interval,
} from '../../shared/schemas/availability';
import { BookingModel, ExpertModel } from '../../models';
import { NOW } from './api-server';

let sequence = 0;

/** `YYYY-MM-DD` that is `offset` days after the fixed test clock, in UTC. */
export function dayFromNow(offset: number): string {
  return DateTime.fromJSDate(NOW, { zone: 'UTC' }).plus({ days: offset }).toISODate() ?? '';
}

export const DEFAULT_SLOTS = ['09:00-10:00', '10:00-11:00', '14:00-15:00'];

/** Availability rules as stored on the expert (the zone is the expert's `timezone`). */
export type TestAvailability = Omit<AvailabilityInput, 'timezone'>;

function intervalsOf(labels: readonly string[]) {
  return labels.map((label) => ({ start: label.slice(0, 5), end: label.slice(6) }));
}

/**
 * Sessions on the given days only (weekly hours empty), as dated overrides; the session length is
 * that of the first label (an hour when there is none).
 */
export function onlyOn(days: readonly { date: string; timeSlots: string[] }[]): TestAvailability {
  const [first] = intervalsOf(days.flatMap((day) => day.timeSlots));
  return {
    sessionMinutes: first ? minutesOfDay(first.end) - minutesOfDay(first.start) : 60,
    horizonDays: 60,
    weeklyHours: {},
    overrides: days.map((day) => ({ date: day.date, intervals: intervalsOf(day.timeSlots) })),
  };
}

/** The same hours on every day of the week. */
export function weeklyHours(hours: Interval[]): Record<(typeof WEEKDAYS)[number], Interval[]> {
  return Object.fromEntries(WEEKDAYS.map((day) => [day, hours])) as Record<
    (typeof WEEKDAYS)[number],
    Interval[]
  >;
}

/** The same hours Monday to Friday, none at the weekend. */
export function workdayHours(hours: Interval[]): Record<(typeof WEEKDAYS)[number], Interval[]> {
  return { ...weeklyHours(hours), saturday: [], sunday: [] };
}

/** The label of a session of `length` minutes starting `start` minutes after midnight. */
export function slotLabel(start: number, length: number): string {
  return `${timeOfDay(start)}-${timeOfDay(start + length)}`;
}

/** Hour-long DEFAULT_SLOTS every day, no minimum notice, 60 days ahead. */
export function everyDay(slots: readonly string[] = DEFAULT_SLOTS): TestAvailability {
  return {
    sessionMinutes: 60,
    minimumNoticeMinutes: 0,
    horizonDays: 60,
    weeklyHours: weeklyHours(intervalsOf(slots)),
    overrides: [],
  };
}

/**
 * The stored sum and count of an expert whose reviews average `rating` (one review's worth):
 * for tests of what shows the rating, not of reviews themselves.
 */
export function rated(rating: number) {
  return { reviewSum: rating, reviewCount: 1 };
}

/**
 * Stores an expert with unique values; by default it offers DEFAULT_SLOTS every day and has no
 * reviews (`rating` gives it one review's worth of that rating).
 */
export async function createExpert({
  rating,
  ...overrides
}: Partial<{
  name: string;
  bio: string;
  category: string;
  rating: number;
  experience: number;
  timezone: string;
  availability: TestAvailability;
}> = {}) {
  sequence += 1;
  const name = overrides.name ?? `Test Expert ${sequence}`;
  const expert = await ExpertModel.create({
    slug: `test-expert-${sequence}-${Math.random().toString(36).slice(2, 8)}`,
    name,
    category: 'Software Engineering',
    experience: 7,
    ...(rating === undefined ? {} : rated(rating)),
    bio: `${name} helps teams ship reliable software.`,
    timezone: 'UTC',
    availability: everyDay(),
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
