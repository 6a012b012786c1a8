import { randomUUID } from 'node:crypto';

import { Types } from 'mongoose';

import type { Availability } from '../../shared/schemas/availability';
import type { BookingStatus } from '../../shared/schemas/booking';
import { ACTIVE, monthOf } from '../../models';
import {
  NOTHING_BOOKED,
  slotsForWindow,
  spanOf,
  type OfferedSlot,
} from '../../server/services/availability';
import { chance, integerBetween, pick, type Random } from '../seed/catalogue';

/** An expert with the rules it offers slots by. */
export interface ExpertHistory {
  id: string;
  name: string;
  rules: Availability;
}

export interface SlotRef {
  expertId: string;
  date: string;
  timeSlot: string;
  startsAt: Date;
  endsAt: Date;
}

/** A booking document as the app writes it, ready for the Mongoose model. */
export interface BenchBooking extends SlotRef {
  _id: Types.ObjectId;
  expertName: string;
  timezone: string;
  name: string;
  email: string;
  phone: string;
  month: string;
  notes: string;
  heldFrom: Date;
  heldUntil: Date;
  status: BookingStatus;
  activeKey: string;
  manageTokenHashes: string[];
  history: never[];
  idempotencyKey: string;
  createdAt: Date;
  updatedAt: Date;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const MINUTE_MS = 60_000;
/** Failed draws in a row after which the calendar counts as full. */
const MAX_MISSES = 10_000;

const GIVEN = ['Alex', 'Maria', 'Sam', 'Yusuf', 'Ines', 'Tom', 'Aya', 'Kofi', 'Lena', 'Ivan'];
const FAMILY = ['Smith', 'Garcia', 'Chen', 'Kowalski', 'Ndlovu', 'Silva', 'Khan', 'Moreau'];
const NOTES = ['', '', '', 'Career advice', 'A second opinion on my plan', 'Follow-up session'];

interface Calendar {
  expert: ExpertHistory;
  past: OfferedSlot[];
  coming: OfferedSlot[];
}

/**
 * The slots the rules offered in the `pastDays` days before `now`: the same rules with `now` at
 * the start of the history, no notice, and a horizon reaching today.
 */
export function pastSlots(rules: Availability, now: Date, pastDays: number): OfferedSlot[] {
  const historyStart = new Date(now.getTime() - pastDays * DAY_MS);
  const looking = { ...rules, minimumNoticeMinutes: 0, horizonDays: pastDays + 1 };
  return slotsForWindow(looking, { days: pastDays + 1 }, historyStart, NOTHING_BOOKED).filter(
    (slot) => slot.startsAt > historyStart && slot.startsAt <= now,
  );
}

/** The slots someone could book at `now`, nothing booked yet. */
export function comingSlots(rules: Availability, now: Date): OfferedSlot[] {
  return slotsForWindow(rules, { days: rules.horizonDays + 1 }, now, NOTHING_BOOKED).filter(
    (slot) => slot.available,
  );
}

/**
 * Draws slots the experts' rules offered (or offer), at random, each at most once: the unique
 * index allows one active booking per expert, day and slot.
 */
export class SlotPicker {
  private readonly calendars: Calendar[];
  private readonly used = new Set<string>();

  constructor(
    experts: readonly ExpertHistory[],
    private readonly now: Date,
    pastDays: number,
    private readonly random: Random,
  ) {
    this.calendars = experts.map((expert) => ({
      expert,
      past: pastSlots(expert.rules, now, pastDays),
      coming: comingSlots(expert.rules, now),
    }));
  }

  /**
   * A slot that has started (`past`), or one the rules still let someone book at `notBefore`
   * (default now): it starts after `notBefore` plus the expert's minimum notice.
   */
  take(when: 'past' | 'coming', notBefore: Date = this.now): SlotRef {
    for (let miss = 0; miss < MAX_MISSES; miss++) {
      const calendar = pick(this.random, this.calendars);
      const slots = calendar[when];
      if (slots.length === 0) continue;
      const slot = pick(this.random, slots);
      const key = `${calendar.expert.id} ${slot.date} ${slot.timeSlot}`;
      if (this.used.has(key)) continue;
      const notice = calendar.expert.rules.minimumNoticeMinutes * MINUTE_MS;
      const fits =
        when === 'past'
          ? slot.startsAt <= this.now
          : slot.startsAt.getTime() > notBefore.getTime() + notice;
      if (!fits) continue;
      this.used.add(key);
      return {
        expertId: calendar.expert.id,
        date: slot.date,
        timeSlot: slot.timeSlot,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
      };
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
  const held = spanOf(expert.rules, slot);
  return {
    _id: new Types.ObjectId(),
    ...slot,
    heldFrom: new Date(held.from),
    heldUntil: new Date(held.until),
    expertName: expert.name,
    timezone: expert.rules.timezone,
    ...person,
    // Set here: insertMany skips the model's hook that derives it.
    month: monthOf(slot.date),
    notes: pick(random, NOTES),
    status,
    activeKey: ACTIVE,
    manageTokenHashes: [],
    history: [],
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
  pastDays,
  total,
  pastShare,
  random,
}: {
  experts: readonly ExpertHistory[];
  now: Date;
  pastDays: number;
  total: number;
  pastShare: number;
  random: Random;
}): { bookings: BenchBooking[]; picker: SlotPicker; clients: number } {
  const picker = new SlotPicker(experts, now, pastDays, random);
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
