import { describe, expect, it } from 'vitest';

import { ratingOf } from '../../shared/schemas/review';
import { BookingModel, ExpertModel, ReviewModel } from '../../models';
import { useEmptiedTestDatabase } from '../../test/support/database';
import { buildCatalogue } from './catalogue';
import { buildDemoReviews, seedDemoReviews } from './demo-reviews';
import { seedDatabase } from './seed-database';

await useEmptiedTestDatabase();

const TODAY = new Date('2030-03-04T10:00:00Z');
const experts = buildCatalogue({ today: TODAY }).slice(0, 5);

describe('demo reviews', () => {
  it('gives every expert two to four reviews of 2 to 5, on sessions before the seed day', () => {
    const reviews = buildDemoReviews(experts, TODAY);
    for (const expert of experts) {
      const own = reviews.filter((review) => review.slug === expert.slug);
      expect(own.length).toBeGreaterThanOrEqual(2);
      expect(own.length).toBeLessThanOrEqual(4);
      for (const review of own) {
        expect(review.rating).toBeGreaterThanOrEqual(2);
        expect(review.rating).toBeLessThanOrEqual(5);
        expect(review.date < '2030-03-04').toBe(true);
      }
    }
    expect(buildDemoReviews(experts, TODAY)).toEqual(reviews);
  });

  it('stores each on a Completed past booking, and the experts carry their mean and count', async () => {
    await seedDatabase({ experts });
    const count = await seedDemoReviews(experts, TODAY);

    const built = buildDemoReviews(experts, TODAY);
    expect(count).toBe(built.length);
    const reviews = await ReviewModel.find({}).lean();
    for (const review of reviews) {
      const booking = await BookingModel.findById(review.bookingId).lean().orFail();
      expect(booking.status).toBe('Completed');
      expect(booking.startsAt.getTime()).toBeLessThan(TODAY.getTime());
      expect(review.expertId.toString()).toBe(booking.expertId.toString());
      expect(review.author).toMatch(/^\S+ [A-Z]\.$/);
    }
    for (const expert of experts) {
      const stored = await ExpertModel.findOne({ slug: expert.slug }).lean().orFail();
      const own = built.filter((review) => review.slug === expert.slug);
      const sum = own.reduce((total, review) => total + review.rating, 0);
      expect(stored).toMatchObject({ reviewSum: sum, reviewCount: own.length });
      expect(ratingOf(stored.reviewSum, stored.reviewCount)).not.toBeNull();
    }
  });

  it('adds nothing when the seed runs again, even on a later day', async () => {
    await seedDatabase({ experts });
    const first = await seedDemoReviews(experts, TODAY);
    const bookings = await BookingModel.countDocuments();

    const later = new Date(TODAY.getTime() + 3 * 24 * 60 * 60_000);
    await seedDatabase({ experts });
    expect(await seedDemoReviews(experts, later)).toBe(first);
    expect(await BookingModel.countDocuments()).toBe(bookings);
  });
});
