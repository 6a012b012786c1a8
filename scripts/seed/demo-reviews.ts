import { DateTime } from 'luxon';

import {
  ACTIVE,
  BookingModel,
  bulkWriteInChunks,
  ExpertModel,
  monthOf,
  ReviewModel,
} from '../../models';
import { authorOf, recountReviews } from '../../server/services/reviews';

import { integerBetween, localDate, pick, randomFor, type SeedExpert } from './catalogue';

/**
 * Demo reviews, as the app makes them: each on a past demo booking that was Completed, so a
 * seeded rating means what any rating means (the mean of reviews of sessions that happened).
 * Keyed by the expert's slug and the review's number, so a re-run adds nothing: the bookings and
 * reviews a first run made stay as they are.
 */

const CLIENTS = [
  'Maya Okafor',
  'Tomás Ferreira',
  'Ingrid Solberg',
  'Kenji Watanabe',
  'Priya Raman',
  'Lucas Meyer',
  'Amara Nwosu',
  'Elif Demir',
];

const COMMENTS: Record<number, string[]> = {
  5: [
    'Exactly what I needed: clear, practical and kind.',
    'Went well beyond the hour I booked. I left with a plan.',
    'Sharp questions that changed how I saw the problem.',
  ],
  4: [
    'Very helpful; a little rushed at the end.',
    'Good advice and useful follow-up notes.',
    'Knew the subject inside out. Would book again.',
  ],
  3: ['Solid, though I had hoped for more specific advice.', 'Useful overall.'],
  2: ['We ran out of time before my main question.'],
};

export interface DemoReview {
  slug: string;
  /** The demo booking's key: unique per expert and review. */
  key: string;
  client: string;
  email: string;
  date: string;
  timeSlot: string;
  rating: number;
  comment: string;
}

/** Two to four reviews per expert, on weekday mornings one to ten weeks before `today`. */
export function buildDemoReviews(experts: readonly SeedExpert[], today: Date): DemoReview[] {
  return experts.flatMap((expert) => {
    const random = randomFor(`${expert.slug}|reviews`);
    const count = integerBetween(random, 2, 4);
    // Most experts are good; a few have a mixed record.
    const typical = integerBetween(random, 3, 5);
    return Array.from({ length: count }, (_, index): DemoReview => {
      const rating = Math.max(2, Math.min(5, typical + integerBetween(random, -1, 1)));
      const hour = integerBetween(random, 9, 15);
      const client = pick(random, CLIENTS);
      return {
        slug: expert.slug,
        key: `seed-review-${expert.slug}-${index}`,
        client,
        email: `${client.split(' ')[0]!.toLowerCase()}.demo@example.com`,
        date: localDate(today, expert.timezone, -7 * (index + 1) - integerBetween(random, 0, 6)),
        timeSlot: `${String(hour).padStart(2, '0')}:00-${String(hour + 1).padStart(2, '0')}:00`,
        rating,
        comment: pick(random, COMMENTS[rating] ?? ['']),
      };
    });
  });
}

/**
 * Writes the demo bookings (Completed) and their reviews where they are missing, then sets each
 * expert's sum and count from its visible reviews. Answers how many reviews the catalogue has.
 */
export async function seedDemoReviews(
  experts: readonly SeedExpert[],
  today: Date,
): Promise<number> {
  const stored = await ExpertModel.find({}, { slug: 1, name: 1, timezone: 1 }).lean();
  const bySlug = new Map(stored.map((expert) => [expert.slug, expert]));
  const reviews = buildDemoReviews(experts, today).filter((review) => bySlug.has(review.slug));

  await bulkWriteInChunks(
    BookingModel,
    reviews.map((review) => {
      const expert = bySlug.get(review.slug)!;
      const startsAt = DateTime.fromISO(`${review.date}T${review.timeSlot.slice(0, 5)}`, {
        zone: expert.timezone,
      }).toJSDate();
      const endsAt = new Date(startsAt.getTime() + 60 * 60_000);
      return {
        updateOne: {
          filter: { email: review.email, idempotencyKey: review.key },
          update: {
            $setOnInsert: {
              expertId: expert._id,
              expertName: expert.name,
              timezone: expert.timezone,
              name: review.client,
              email: review.email,
              phone: '+44 20 7946 0000',
              date: review.date,
              timeSlot: review.timeSlot,
              month: monthOf(review.date),
              startsAt,
              endsAt,
              heldFrom: startsAt,
              heldUntil: endsAt,
              notes: '',
              status: 'Completed',
              activeKey: ACTIVE,
              idempotencyKey: review.key,
            },
          },
          upsert: true,
        },
      };
    }),
    { ordered: true },
  );

  const bookings = await Promise.all(
    reviews.map((review) =>
      BookingModel.findOne({ email: review.email, idempotencyKey: review.key }).lean().orFail(),
    ),
  );
  await bulkWriteInChunks(
    ReviewModel,
    reviews.map((review, index) => {
      const booking = bookings[index]!;
      return {
        updateOne: {
          filter: { bookingId: booking._id },
          update: {
            $setOnInsert: {
              bookingId: booking._id,
              expertId: booking.expertId,
              author: authorOf(review.client),
              rating: review.rating,
              comment: review.comment,
              sessionMonth: booking.month,
              hidden: false,
              counted: true,
              replied: false,
              createdAt: booking.endsAt,
              updatedAt: booking.endsAt,
            },
          },
          upsert: true,
          // The review is as old as its session, not as the seed run.
          timestamps: false,
        },
      };
    }),
    { ordered: true },
  );

  for (const expert of stored) await recountReviews(expert._id);
  return ReviewModel.countDocuments({});
}
