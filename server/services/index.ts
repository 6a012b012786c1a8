import { backfillBookingMonths } from '../../models';
import { startCatalogue, type Catalogue } from '../catalogue/catalogue';
import type { Logger } from '../logger';
import { createAccountsService, type AccountsService, type SignInLinkMail } from './accounts';
import { migrateDatedAvailability } from './availability-migration';
import { silentBookingChanges, type BookingChangeNotifier } from './booking-change-notifier';
import { noBookingMail, type BookingMail } from './booking-mail';
import {
  backfillBookingHolds,
  createBookingsService,
  startHoldSweep,
  type BookingsService,
} from './bookings';
import { createExpertAdminService, type ExpertAdminService } from './expert-admin';
import { createConsoleBookingsService, type ConsoleBookingsService } from './console-bookings';
import type { Clock } from './clock';
import { createExpertsService, type ExpertsService } from './experts';
import { startExpiredRecordsSweep } from './expired-records';
import { startReminderScan } from './reminders';
import {
  createReviewsService,
  migrateMadeUpRatings,
  settleUncountedReviews,
  type ReviewsService,
} from './reviews';
import type { SignInLimitRules } from './sign-in-limits';
import type { SlotNotifier } from './slot-notifier';

export interface Services {
  experts: ExpertsService;
  bookings: BookingsService;
  /** Admin-only: the experts list with this week's bookings, adding and editing profiles. */
  expertAdmin: ExpertAdminService;
  consoleBookings: ConsoleBookingsService;
  accounts: AccountsService;
  reviews: ReviewsService;
}

/** How failed sign-ins are limited; tests shorten the window and the delay. */
export interface SignInLimitOptions {
  rules?: SignInLimitRules;
  failureDelayMs?: number;
}

export interface RunningServices {
  services: Services;
  catalogue: Catalogue;
  close(): Promise<void>;
}

/**
 * Brings stored data up to date, builds the catalogue read model from the database (and connects it to the other instances
 * through `redisUrl`), then the services on top of it.
 */
export async function startServices({
  notifier,
  changes,
  mail,
  logger,
  clock = () => new Date(),
  accountsClock,
  redisUrl,
  signInLimits,
  signInLinkMail,
  holdSweep,
  reminderScan,
}: {
  notifier: SlotNotifier;
  /** How often due reminders are looked for (tests shorten it, or give 0 to run scans by hand). */
  reminderScan?: { everyMs?: number };
  /** How often unfinished hold changes are settled, and how old they must be; tests shorten it. */
  holdSweep?: { everyMs?: number; olderThanMs?: number };
  /** Where the consoles' live updates go; nowhere when absent. */
  changes?: BookingChangeNotifier;
  /** Where booking messages go; none are sent until the mail outbox is plugged in here. */
  mail?: BookingMail;
  logger: Logger;
  clock?: Clock;
  /** Sign-in limits and signing out, kept on real time when `clock` is a test's; else `clock`. */
  accountsClock?: Clock;
  redisUrl?: string;
  signInLimits?: SignInLimitOptions;
  /** Where one-time sign-in links go; none are sent when absent. */
  signInLinkMail?: SignInLinkMail;
}): Promise<RunningServices> {
  // Bookings stored before they carried their month would be invisible to the month reads.
  const backfilled = await backfillBookingMonths();
  if (backfilled > 0) logger.info({ bookings: backfilled }, 'gave older bookings their month');
  // Experts stored before availability became rules carry a dated list the services cannot read.
  const migrated = await migrateDatedAvailability(clock());
  if (migrated.experts > 0) logger.info(migrated, 'turned dated availability into rules');
  // Bookings stored before time was held get their span, and the coming ones their holds.
  const held = await backfillBookingHolds({ now: clock(), logger });
  if (held.updated > 0) logger.info(held, 'gave older bookings their held time');
  // Experts carried a made-up rating before reviews: the rating is now their reviews' mean.
  const unrated = await migrateMadeUpRatings();
  if (unrated > 0) logger.info({ experts: unrated }, 'replaced made-up ratings by their reviews');
  // A crash between a review's write and its count left the expert's sum behind: count again.
  const recounted = await settleUncountedReviews(new Date(Date.now() - 60_000));
  if (recounted > 0) logger.info({ experts: recounted }, 'counted reviews a crash left out');
  const sweep = startHoldSweep({ ...holdSweep, logger });
  const expiredSweep = startExpiredRecordsSweep({
    clocks: { bookings: clock, accounts: accountsClock ?? clock },
    logger,
  });
  const reminders = startReminderScan({
    mail: mail ?? noBookingMail,
    clock,
    logger,
    everyMs: reminderScan?.everyMs,
  });
  const catalogue = await startCatalogue({ clock, logger, redisUrl });
  return {
    services: createServices({
      notifier,
      changes,
      mail,
      catalogue,
      logger,
      clock,
      accountsClock,
      signInLimits,
      signInLinkMail,
    }),
    catalogue,
    async close() {
      await sweep.stop();
      await expiredSweep.stop();
      await reminders.stop();
      await catalogue.close();
    },
  };
}

export function createServices({
  notifier,
  changes = silentBookingChanges,
  mail = noBookingMail,
  catalogue,
  logger,
  clock = () => new Date(),
  accountsClock = clock,
  signInLimits,
  signInLinkMail,
}: {
  notifier: SlotNotifier;
  changes?: BookingChangeNotifier;
  mail?: BookingMail;
  /** Serves the expert list and hears of every committed booking and release, next to `notifier`. */
  catalogue: Pick<Catalogue, 'list' | 'has' | 'expert' | 'load' | 'notifier'>;
  logger: Logger;
  clock?: Clock;
  /** Sign-in limits and signing out, kept on real time when `clock` is a test's; else `clock`. */
  accountsClock?: Clock;
  signInLimits?: SignInLimitOptions;
  signInLinkMail?: SignInLinkMail;
}): Services {
  const experts = createExpertsService({ clock, catalogue, notifier });
  const bookings = createBookingsService({
    experts,
    notifier: {
      slotBooked(event) {
        catalogue.notifier.slotBooked(event);
        notifier.slotBooked(event);
      },
      slotReleased(event) {
        catalogue.notifier.slotReleased(event);
        notifier.slotReleased(event);
      },
    },
    changes,
    mail,
    logger,
    clock,
  });
  const expertAdmin = createExpertAdminService({ clock, catalogue });
  const consoleBookings = createConsoleBookingsService({ bookings, experts, clock });
  const accounts = createAccountsService({
    clock: accountsClock,
    signInLimits,
    mail: signInLinkMail,
  });
  const reviews = createReviewsService({ experts, catalogue, logger, clock });
  return { experts, bookings, expertAdmin, consoleBookings, accounts, reviews };
}
