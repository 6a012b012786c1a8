import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';

import { ACTIVE, BookingModel } from '../../models';
import { checkSlot } from '../../server/services/availability';
import { buildCatalogue, randomFor } from '../seed/catalogue';
import { buildBookings, SlotPicker, type ExpertHistory } from './bookings';

const NOW = new Date('2026-11-24T20:30:00Z');
const DAY_MS = 86_400_000;
const PAST_DAYS = 30;

function histories(size: number): ExpertHistory[] {
  return buildCatalogue({ today: NOW, size }).map((expert) => ({
    id: new mongoose.Types.ObjectId().toString(),
    name: expert.name,
    rules: { timezone: expert.timezone, ...expert.availability },
  }));
}

describe('buildBookings', () => {
  const experts = histories(12);
  const { bookings, picker, clients } = buildBookings({
    experts,
    now: NOW,
    pastDays: PAST_DAYS,
    total: 500,
    pastShare: 0.9,
    random: randomFor('test'),
  });

  it('books each slot at most once, and only slots the rules offered then or offer now', () => {
    const keys = bookings.map(
      (booking) => `${booking.expertId} ${booking.date} ${booking.timeSlot}`,
    );
    expect(new Set(keys).size).toBe(500);
    const historyStart = new Date(NOW.getTime() - PAST_DAYS * DAY_MS);
    for (const booking of bookings) {
      const expert = experts.find((candidate) => candidate.id === booking.expertId)!;
      const verdict =
        booking.startsAt <= NOW
          ? checkSlot(
              { ...expert.rules, minimumNoticeMinutes: 0, horizonDays: PAST_DAYS + 1 },
              booking.date,
              booking.timeSlot,
              historyStart,
            )
          : checkSlot(expert.rules, booking.date, booking.timeSlot, NOW);
      expect(verdict).toMatchObject({ startsAt: booking.startsAt, endsAt: booking.endsAt });
      expect(booking.expertName).toBe(expert.name);
      expect(booking.timezone).toBe(expert.rules.timezone);
    }
  });

  it('writes documents the booking model accepts, month and active key set without its hooks', () => {
    for (const booking of bookings) {
      // validateSync runs no pre-validate hook: the month must be there already.
      expect(new BookingModel(booking).validateSync()).toBeUndefined();
      expect(booking.month).toBe(booking.date.slice(0, 7));
      expect(booking.activeKey).toBe(ACTIVE);
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
    const picker = new SlotPicker(histories(1), NOW, 1, randomFor('full'));
    expect(() => {
      for (let i = 0; i < 1000; i++) picker.take('past');
    }).toThrow(/Not enough past slots/);
  });
});
