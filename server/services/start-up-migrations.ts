import { backfillBookingMonths, runMigrationOnce } from '../../models';
import type { Logger } from '../logger';
import { migrateDatedAvailability } from './availability-migration';
import { backfillBookingHolds } from './bookings';
import type { Clock } from './clock';
import { migrateMadeUpRatings, settleUncountedReviews } from './reviews';

/**
 * Brings what older versions stored up to date before anything reads it. The bookings'
 * back-fills scan the whole collection, so each runs once per database (models/migration.ts);
 * the experts' are cheap (a thousand documents) and the reviews' is an equality read.
 */
export async function migrateOnStart({ clock, logger }: { clock: Clock; logger: Logger }) {
  // Bookings stored before they carried their month would be invisible to the month reads.
  const backfilled = await runMigrationOnce('booking-months', backfillBookingMonths);
  if (backfilled) logger.info({ bookings: backfilled }, 'gave older bookings their month');
  // Experts stored before availability became rules carry a dated list the services cannot read.
  const migrated = await migrateDatedAvailability(clock());
  if (migrated.experts > 0) logger.info(migrated, 'turned dated availability into rules');
  // Bookings stored before time was held get their span, and the coming ones their holds.
  const held = await runMigrationOnce('booking-holds', () =>
    backfillBookingHolds({ now: clock(), logger }),
  );
  if (held?.updated) logger.info(held, 'gave older bookings their held time');
  // Experts carried a made-up rating before reviews: the rating is now their reviews' mean.
  const unrated = await migrateMadeUpRatings();
  if (unrated > 0) logger.info({ experts: unrated }, 'replaced made-up ratings by their reviews');
  // A crash between a review's write and its count left the expert's sum behind: count again.
  const recounted = await settleUncountedReviews(new Date(Date.now() - 60_000));
  if (recounted > 0) logger.info({ experts: recounted }, 'counted reviews a crash left out');
}
