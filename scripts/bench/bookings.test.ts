import { describe, expect, it } from 'vitest';

import { slotStart } from '../../server/services/slot-time';
import { buildCatalogue, randomFor } from '../seed/catalogue';
import { buildBookings, SlotPicker, type ExpertHistory } from './bookings';

const NOW = new Date('2026-11-24T20:30:00Z');
const DAY_MS = 86_400_000;

function histories(size: number, pastDays: number): ExpertHistory[] {
  return buildCatalogue({
    today: new Date(NOW.getTime() - pastDays * DAY_MS),
    days: pastDays + 14,
    size,
  }).map((expert, index) => ({
    id: `e${index}`,
    name: expert.name,
    timezone: expert.timezone,
    days: expert.availability,
  }));
}

describe('buildBookings', () => {
  const experts = histories(12, 30);
  const { bookings, picker, clients } = buildBookings({
    experts,
    now: NOW,
    total: 500,
    pastShare: 0.9,
    random: randomFor('test'),
  });

  it('books each slot at most once, and only slots the expert offered that day', () => {
    const keys = bookings.map(
      (booking) => `${booking.expertId} ${booking.date} ${booking.timeSlot}`,
    );
    expect(new Set(keys).size).toBe(500);
    for (const booking of bookings) {
      const expert = experts.find((candidate) => candidate.id === booking.expertId)!;
      const day = expert.days.find((candidate) => candidate.date === booking.date);
      expect(day?.timeSlots).toContain(booking.timeSlot);
      expect(booking.expertName).toBe(expert.name);
      expect(booking.timezone).toBe(expert.timezone);
      expect(booking.startsAt).toEqual(slotStart(booking.date, booking.timeSlot, expert.timezone));
    }
  });

  it('puts the asked share in the past, with statuses that fit', () => {
    const past = bookings.filter((booking) => booking.startsAt <= NOW);
    expect(past).toHaveLength(450);
    const coming = bookings.filter((booking) => booking.startsAt > NOW);
    expect(new Set(coming.map((booking) => booking.status))).toEqual(
      new Set(['Pending', 'Confirmed']),
    );
    expect(past.filter((booking) => booking.status === 'Completed').length).toBeGreaterThan(300);
  });

  it('dates each booking before its slot and never after now', () => {
    for (const booking of bookings) {
      expect(booking.createdAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
      expect(booking.createdAt.getTime()).toBeLessThan(booking.startsAt.getTime());
      expect(booking.updatedAt.getTime()).toBeGreaterThanOrEqual(booking.createdAt.getTime());
      expect(booking.updatedAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
    }
  });

  it('spreads bookings over about one client per five, each with one attempt key', () => {
    expect(clients).toBe(100);
    expect(new Set(bookings.map((booking) => booking.email)).size).toBeGreaterThan(50);
    expect(new Set(bookings.map((booking) => booking.idempotencyKey)).size).toBe(500);
    expect(bookings[0]!.email).toMatch(/^[a-z]+\.[a-z]+\.\d+@example\.com$/);
  });

  it('hands back a picker that never draws a booked slot', () => {
    const booked = new Set(bookings.map((b) => `${b.expertId} ${b.date} ${b.timeSlot}`));
    const later = new Date(NOW.getTime() + 3_600_000);
    for (let i = 0; i < 50; i++) {
      const slot = picker.take('coming', later);
      expect(booked.has(`${slot.expertId} ${slot.date} ${slot.timeSlot}`)).toBe(false);
      expect(slot.startsAt.getTime()).toBeGreaterThan(later.getTime());
    }
  });
});

describe('SlotPicker', () => {
  it('says so when the calendar is full', () => {
    const picker = new SlotPicker(histories(1, 1), NOW, randomFor('full'));
    expect(() => {
      for (let i = 0; i < 1000; i++) picker.take('past');
    }).toThrow(/Not enough past slots/);
  });
});
