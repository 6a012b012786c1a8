import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';

import { AvailabilitySchema, minutesOfDay, WEEKDAYS } from '../../shared/schemas/availability';
import { EXPERT_CATEGORIES } from '../../shared/schemas/expert';
import { NOTHING_BOOKED, nextFreeSlot, slotsForWindow } from '../../server/services/availability';
import { addDays } from '../../shared/time/calendar-days';
import { ZoneClock } from '../../server/services/zone-time';
import {
  buildCatalogue,
  CATALOGUE_PEOPLE,
  SEED_HORIZON_DAYS,
  slugify,
  type SeedExpert,
} from './catalogue';

// Late evening in UTC: already tomorrow in Asia/Tokyo, still today in America/Los_Angeles.
const TODAY = new Date('2026-11-24T20:30:00Z');
const DAY = 24 * 60 * 60 * 1000;

const catalogue = buildCatalogue({ today: TODAY });

function rulesOf(expert: SeedExpert) {
  return { timezone: expert.timezone, ...expert.availability };
}

function expertBySlug(experts: SeedExpert[], slug: string): SeedExpert {
  const expert = experts.find((candidate) => candidate.slug === slug);
  if (!expert) throw new Error(`No expert ${slug}`);
  return expert;
}

describe('buildCatalogue', () => {
  it('has at least 60 experts covering every category', () => {
    expect(catalogue.length).toBeGreaterThanOrEqual(60);
    const categories = new Set(catalogue.map((expert) => expert.category));
    expect([...categories].sort()).toEqual([...EXPERT_CATEGORIES].sort());
    for (const category of EXPERT_CATEGORIES) {
      expect(catalogue.filter((expert) => expert.category === category).length).toBeGreaterThan(4);
    }
  });

  it('gives every expert a unique name and a unique slug derived from it', () => {
    expect(new Set(catalogue.map((expert) => expert.name)).size).toBe(catalogue.length);
    expect(new Set(catalogue.map((expert) => expert.slug)).size).toBe(catalogue.length);
    for (const expert of catalogue) {
      expect(expert.slug).toBe(slugify(expert.name));
      expect(expert.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(expert.name.split(' ').length).toBeGreaterThanOrEqual(2);
    }
  });

  it('keeps every field within its range', () => {
    for (const expert of catalogue) {
      expect(Object.keys(expert).sort()).toEqual(
        ['availability', 'bio', 'category', 'experience', 'name', 'slug', 'timezone'].sort(),
      );
      expect(Number.isInteger(expert.experience)).toBe(true);
      expect(expert.experience).toBeGreaterThanOrEqual(2);
      expect(expert.experience).toBeLessThanOrEqual(30);
      expect(DateTime.local().setZone(expert.timezone).isValid).toBe(true);
    }
    expect(new Set(catalogue.map((expert) => expert.timezone)).size).toBeGreaterThanOrEqual(10);
  });

  it('writes varied bios of two to four sentences that mention the expert', () => {
    for (const expert of catalogue) {
      const sentences = expert.bio.split(/(?<=\.)\s+/);
      expect(sentences.length).toBeGreaterThanOrEqual(2);
      expect(sentences.length).toBeLessThanOrEqual(4);
      expect(expert.bio.startsWith(`${expert.name} is a`)).toBe(true);
      expect(expert.bio).toContain(`${expert.experience} years`);
      expect(expert.bio).not.toMatch(/lorem|ipsum|undefined/i);
    }
    expect(new Set(catalogue.map((expert) => expert.bio)).size).toBe(catalogue.length);
  });

  it('gives every expert valid rules: weekly hours in working time, notice, a 60-day horizon', () => {
    for (const expert of catalogue) {
      const rules = rulesOf(expert);
      expect(AvailabilitySchema.parse(rules)).toEqual(rules);
      expect(rules.horizonDays).toBe(SEED_HORIZON_DAYS);
      expect(rules.minimumNoticeMinutes).toBeGreaterThanOrEqual(60);
      expect(rules.minimumNoticeMinutes).toBeLessThanOrEqual(24 * 60);
      for (const day of WEEKDAYS) {
        for (const { start, end } of rules.weeklyHours[day]) {
          expect(minutesOfDay(start)).toBeGreaterThanOrEqual(8 * 60);
          expect(minutesOfDay(end)).toBeLessThanOrEqual(19 * 60);
        }
      }
      const workingDays = WEEKDAYS.filter((day) => rules.weeklyHours[day].length > 0);
      expect(workingDays.length).toBeGreaterThanOrEqual(4);
    }
  });

  it('varies weekly hours: lunch breaks, weekend experts, different days and lengths', () => {
    const hours = catalogue.map((expert) => JSON.stringify(expert.availability.weeklyHours));
    expect(new Set(hours).size).toBeGreaterThan(catalogue.length / 2);
    const withLunch = catalogue.filter((expert) =>
      WEEKDAYS.some((day) => expert.availability.weeklyHours[day].length === 2),
    );
    expect(withLunch.length).toBeGreaterThan(10);
    expect(withLunch.length).toBeLessThan(catalogue.length);
    const weekend = catalogue.filter(
      (expert) =>
        expert.availability.weeklyHours.saturday.length > 0 ||
        expert.availability.weeklyHours.sunday.length > 0,
    );
    expect(weekend.length).toBeGreaterThan(0);
    expect(weekend.length).toBeLessThan(catalogue.length / 2);
    const lengths = new Set(catalogue.map((expert) => expert.availability.sessionMinutes));
    expect([...lengths].sort()).toEqual([30, 60]);
  });

  it('adds a few overrides after the seed day: a day off, an extra evening', () => {
    const overrides = catalogue.flatMap((expert) =>
      expert.availability.overrides.map((override) => ({
        ...override,
        today: new ZoneClock(expert.timezone).today(TODAY),
      })),
    );
    for (const override of overrides) {
      expect(override.date > override.today).toBe(true);
      expect(override.date <= addDays(override.today, 35)).toBe(true);
    }
    const daysOff = overrides.filter((override) => override.intervals.length === 0);
    const evenings = overrides.filter((override) =>
      override.intervals.some((interval) => interval.start === '19:00'),
    );
    expect(daysOff.length).toBeGreaterThan(5);
    expect(evenings.length).toBeGreaterThan(5);
    expect(overrides.length).toBeLessThan(catalogue.length * 2);
  });

  it('offers bookable slots in the coming two weeks for every expert', () => {
    for (const expert of catalogue) {
      const slots = slotsForWindow(rulesOf(expert), { days: 14 }, TODAY, NOTHING_BOOKED);
      expect(slots.filter((slot) => slot.available).length).toBeGreaterThan(5);
    }
  });

  it.each([30, 59])('still has free slots for every expert %i days after the seed ran', (days) => {
    const later = new Date(TODAY.getTime() + days * DAY);
    for (const expert of catalogue) {
      expect(nextFreeSlot(rulesOf(expert), later, NOTHING_BOOKED)).not.toBeNull();
    }
  });

  it('is deterministic', () => {
    expect(buildCatalogue({ today: TODAY })).toEqual(catalogue);
  });

  it('keeps weekly hours whichever day the seed runs; only overrides follow the seed day', () => {
    const tomorrow = buildCatalogue({ today: new Date(TODAY.getTime() + DAY) });
    for (const expert of catalogue) {
      const later = expertBySlug(tomorrow, expert.slug);
      expect({ ...later.availability, overrides: [] }).toEqual({
        ...expert.availability,
        overrides: [],
      });
      expect(later.availability.overrides.map((override) => override.date)).toEqual(
        expert.availability.overrides.map((override) => addDays(override.date, 1)),
      );
      expect(later.bio).toBe(expert.bio);
    }
  });
});

describe('buildCatalogue with a size (benchmarks)', () => {
  const large = buildCatalogue({ today: TODAY, size: 1000 });

  it('starts with the demo people and recombines names beyond them, all unique', () => {
    expect(large).toHaveLength(1000);
    expect(large.slice(0, CATALOGUE_PEOPLE).map((expert) => expert.slug)).toEqual(
      catalogue.map((expert) => expert.slug),
    );
    expect(new Set(large.map((expert) => expert.name)).size).toBe(1000);
    expect(new Set(large.map((expert) => expert.slug)).size).toBe(1000);
    expect(new Set(large.map((expert) => expert.category)).size).toBe(EXPERT_CATEGORIES.length);
  });

  it('refuses a size it cannot give unique names', () => {
    expect(() => buildCatalogue({ today: TODAY, size: CATALOGUE_PEOPLE ** 2 + 1 })).toThrow(/size/);
    expect(() => buildCatalogue({ today: TODAY, size: 0 })).toThrow(/size/);
  });
});

describe('slugify', () => {
  it('drops accents and apostrophes', () => {
    expect(slugify('Sofía Castillo')).toBe('sofia-castillo');
    expect(slugify("Liam O'Connor")).toBe('liam-oconnor');
    expect(slugify('Katarzyna Wiśniewska')).toBe('katarzyna-wisniewska');
    expect(slugify('Seo-yeon Park')).toBe('seo-yeon-park');
  });
});
