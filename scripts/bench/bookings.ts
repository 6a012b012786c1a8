import { randomUUID } from 'node:crypto';

import type { BookingStatus } from '../../app/schemas/booking';
import { slotStart, todayIn } from '../../server/services/slot-time';
import {
  chance,
  integerBetween,
  pick,
  type Random,
  type SeedAvailabilityDay,
} from '../seed/catalogue';

/** An expert with the days it offered in the past as well as the coming ones. */
export interface ExpertHistory {
  id: string;
  name: string;
  timezone: string;
  days: readonly SeedAvailabilityDay[];
}

export interface SlotRef {
  expertId: string;
  date: string;
  timeSlot: string;
  startsAt: Date;
}

/** A booking document as the app writes it, ready for the Mongoose model. */
export interface BenchBooking extends SlotRef {
  expertName: string;
  timezone: string;
  name: string;
  email: string;
  phone: string;
  notes: string;
  status: BookingStatus;
  idempotencyKey: string;
  createdAt: Date;
  updatedAt: Date;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Failed draws in a row after which the calendar counts as full. */
const MAX_MISSES = 10_000;

const GIVEN = ['Alex', 'Maria', 'Sam', 'Yusuf', 'Ines', 'Tom', 'Aya', 'Kofi', 'Lena', 'Ivan'];
const FAMILY = ['Smith', 'Garcia', 'Chen', 'Kowalski', 'Ndlovu', 'Silva', 'Khan', 'Moreau'];
const NOTES = ['', '', '', 'Career advice', 'A second opinion on my plan', 'Follow-up session'];

interface Calendar {
  expert: ExpertHistory;
  past: SeedAvailabilityDay[];
  coming: SeedAvailabilityDay[];
}

/**
 * Draws slots the experts offered (or offer), at random, each at most once: the unique index
 * allows one booking per expert, day and slot, whatever its status.
 */
export class SlotPicker {
  private readonly calendars: Calendar[];
  private readonly used = new Set<string>();

  constructor(
    experts: readonly ExpertHistory[],
    private readonly now: Date,
    private readonly random: Random,
  ) {
    this.calendars = experts.map((expert) => {
      const today = todayIn(expert.timezone, now);
      const open = expert.days.filter((day) => day.timeSlots.length > 0);
      return {
        expert,
        past: open.filter((day) => day.date <= today),
        coming: open.filter((day) => day.date >= today),
      };
    });
  }

  /** A slot that has started (`past`), or one that starts after `notBefore` (default now). */
  take(when: 'past' | 'coming', notBefore: Date = this.now): SlotRef {
    for (let miss = 0; miss < MAX_MISSES; miss++) {
      const calendar = pick(this.random, this.calendars);
      const days = calendar[when];
      if (days.length === 0) continue;
      const day = pick(this.random, days);
      const timeSlot = pick(this.random, day.timeSlots);
      const key = `${calendar.expert.id} ${day.date} ${timeSlot}`;
      if (this.used.has(key)) continue;
      const startsAt = slotStart(day.date, timeSlot, calendar.expert.timezone);
      const fits = when === 'past' ? startsAt <= this.now : startsAt > notBefore;
      if (!fits) continue;
      this.used.add(key);
      return { expertId: calendar.expert.id, date: day.date, timeSlot, startsAt };
    }
    throw new Error(
      `Not enough ${when} slots left: use fewer bookings (BENCH_BOOKINGS) or more experts.`,
    );
  }
}

/** The contact details of client `index` (0 … clients − 1) of buildBookings. */
export function benchClient(index: number) {
  const given = GIVEN[index % GIVEN.length]!;
  const family = FAMILY[Math.floor(index / GIVEN.length) % FAMILY.length]!;
  return {
    name: `${given} ${family}`,
    email: `${given}.${family}.${index}@example.com`.toLowerCase(),
    phone: `+44 20 7946 ${String(index % 10_000).padStart(4, '0')}`,
  };
}

/** How a booking made long ago, or recently, stands now. */
function statusOf(slot: SlotRef, now: Date, random: Random): BookingStatus {
  if (slot.startsAt > now) return chance(random, 0.6) ? 'Pending' : 'Confirmed';
  const roll = random();
  if (roll < 0.85) return 'Completed';
  return roll < 0.95 ? 'Confirmed' : 'Pending';
}

function bookingOn(
  slot: SlotRef,
  expert: ExpertHistory,
  person: ReturnType<typeof benchClient>,
  now: Date,
  random: Random,
): BenchBooking {
  // Booked one to three weeks ahead, never in the future.
  const createdAt = new Date(
    Math.min(now.getTime(), slot.startsAt.getTime() - integerBetween(random, 1, 21) * DAY_MS),
  );
  const status = statusOf(slot, now, random);
  const changedAt =
    status === 'Completed'
      ? new Date(Math.min(now.getTime(), slot.startsAt.getTime() + 2 * HOUR_MS))
      : createdAt;
  return {
    ...slot,
    expertName: expert.name,
    timezone: expert.timezone,
    ...person,
    notes: pick(random, NOTES),
    status,
    idempotencyKey: randomUUID(),
    createdAt,
    updatedAt: changedAt,
  };
}

/**
 * `total` bookings, `pastShare` of them on slots that have started, made by about one client per
 * five bookings. The picker comes back with them, so later draws never hit a booked slot.
 */
export function buildBookings({
  experts,
  now,
  total,
  pastShare,
  random,
}: {
  experts: readonly ExpertHistory[];
  now: Date;
  total: number;
  pastShare: number;
  random: Random;
}): { bookings: BenchBooking[]; picker: SlotPicker; clients: number } {
  const picker = new SlotPicker(experts, now, random);
  const byId = new Map(experts.map((expert) => [expert.id, expert]));
  const clients = Math.max(1, Math.ceil(total / 5));
  const past = Math.round(total * pastShare);
  const bookings = Array.from({ length: total }, (_, index) => {
    const slot = picker.take(index < past ? 'past' : 'coming');
    const person = benchClient(integerBetween(random, 0, clients - 1));
    return bookingOn(slot, byId.get(slot.expertId)!, person, now, random);
  });
  return { bookings, picker, clients };
}
