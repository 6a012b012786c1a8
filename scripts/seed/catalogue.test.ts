import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';

import { EXPERT_CATEGORIES } from '../../app/schemas/expert';
import {
  buildCatalogue,
  CATALOGUE_PEOPLE,
  slugify,
  upcomingDates,
  type SeedExpert,
} from './catalogue';

// Late evening in UTC: already tomorrow in Asia/Tokyo, still today in America/Los_Angeles.
const TODAY = new Date('2026-11-24T20:30:00Z');
const LABEL = /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/;

const catalogue = buildCatalogue({ today: TODAY, days: 14 });

function minutes(time: string): number {
  const [hours = 0, mins = 0] = time.split(':').map(Number);
  return hours * 60 + mins;
}

function slotBounds(label: string): { start: number; end: number } {
  const [start = '', end = ''] = label.split('-');
  return { start: minutes(start), end: minutes(end) };
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
        [
          'availability',
          'bio',
          'category',
          'experience',
          'name',
          'rating',
          'slug',
          'timezone',
        ].sort(),
      );
      expect(Number.isInteger(expert.experience)).toBe(true);
      expect(expert.experience).toBeGreaterThanOrEqual(2);
      expect(expert.experience).toBeLessThanOrEqual(30);
      expect(expert.rating).toBeGreaterThanOrEqual(3.5);
      expect(expert.rating).toBeLessThanOrEqual(5);
      expect(Math.round(expert.rating * 10) / 10).toBe(expert.rating);
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

  it('offers the requested days, starting from today in the expert’s own time zone', () => {
    for (const expert of catalogue) {
      const dates = expert.availability.map((day) => day.date);
      expect(dates).toHaveLength(14);
      expect(dates[0]).toBe(DateTime.fromJSDate(TODAY, { zone: expert.timezone }).toISODate());
      dates.forEach((date, index) => {
        const expected = DateTime.fromISO(dates[0] ?? '', { zone: 'utc' })
          .plus({ days: index })
          .toISODate();
        expect(date).toBe(expected);
      });
    }
    expect(expertBySlug(catalogue, 'kenji-watanabe').availability[0]?.date).toBe('2026-11-25');
    expect(expertBySlug(catalogue, 'michael-rivera').availability[0]?.date).toBe('2026-11-24');
  });

  it('uses valid, sorted, non-overlapping labels inside working hours', () => {
    for (const expert of catalogue) {
      for (const day of expert.availability) {
        expect([...day.timeSlots].sort()).toEqual(day.timeSlots);
        let previousEnd = 0;
        for (const label of day.timeSlots) {
          expect(label).toMatch(LABEL);
          const { start, end } = slotBounds(label);
          expect(start).toBeLessThan(end);
          expect(start).toBeGreaterThanOrEqual(previousEnd);
          expect(start).toBeGreaterThanOrEqual(8 * 60);
          expect(end).toBeLessThanOrEqual(19 * 60);
          previousEnd = end;
        }
      }
    }
  });

  it('varies availability between experts and between days', () => {
    const slotCounts = catalogue.flatMap((expert) =>
      expert.availability.map((day) => day.timeSlots.length),
    );
    expect(slotCounts.some((count) => count === 0)).toBe(true);
    expect(slotCounts.some((count) => count > 0 && count <= 2)).toBe(true);
    expect(Math.max(...slotCounts)).toBeGreaterThan(6);
    const everyExpertHasSlots = catalogue.every((expert) =>
      expert.availability.some((day) => day.timeSlots.length > 0),
    );
    expect(everyExpertHasSlots).toBe(true);
    const weekendWorkers = catalogue.filter((expert) =>
      expert.availability.some(
        (day) =>
          DateTime.fromISO(day.date, { zone: 'utc' }).weekday >= 6 && day.timeSlots.length > 0,
      ),
    );
    expect(weekendWorkers.length).toBeGreaterThan(0);
    expect(weekendWorkers.length).toBeLessThan(catalogue.length);
  });

  it('is deterministic', () => {
    expect(buildCatalogue({ today: TODAY, days: 14 })).toEqual(catalogue);
  });

  it('gives a date the same slots whichever day the seed runs', () => {
    const tomorrow = buildCatalogue({
      today: new Date(TODAY.getTime() + 24 * 60 * 60 * 1000),
      days: 14,
    });
    for (const expert of catalogue) {
      const later = expertBySlug(tomorrow, expert.slug);
      expect(later.availability[0]?.date).toBe(expert.availability[1]?.date);
      expect(later.availability.slice(0, 13)).toEqual(expert.availability.slice(1));
      expect(later.bio).toBe(expert.bio);
      expect(later.rating).toBe(expert.rating);
    }
  });

  it('defaults to 14 days and honours another length', () => {
    expect(buildCatalogue({ today: TODAY })[0]?.availability).toHaveLength(14);
    expect(buildCatalogue({ today: TODAY, days: 3 })[0]?.availability).toHaveLength(3);
  });
});

describe('buildCatalogue with a size (benchmarks)', () => {
  const large = buildCatalogue({ today: TODAY, days: 1, size: 1000 });

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

describe('upcomingDates', () => {
  it('counts calendar days across a daylight-saving change', () => {
    // Europe/London leaves summer time on 2026-10-25.
    expect(upcomingDates(new Date('2026-10-24T12:00:00Z'), 3, 'Europe/London')).toEqual([
      '2026-10-24',
      '2026-10-25',
      '2026-10-26',
    ]);
  });

  it('refuses an unknown time zone', () => {
    expect(() => upcomingDates(TODAY, 1, 'Mars/Olympus_Mons')).toThrow(/time zone/);
  });
});
