import { startCatalogue, type Catalogue } from '../catalogue/catalogue';
import type { Logger } from '../logger';
import { createAccountsService, type AccountsService, type SignInLinkMail } from './accounts';
import { silentBookingChanges, type BookingChangeNotifier } from './booking-change-notifier';
import { noBookingMail, type BookingMail } from './booking-mail';
import { createBookingsService, startHoldSweep, type BookingsService } from './bookings';
import { createExpertAdminService, type ExpertAdminService } from './expert-admin';
import { createConsoleBookingsService, type ConsoleBookingsService } from './console-bookings';
import type { Clock } from './clock';
import { createExpertsService, type ExpertsService } from './experts';
import { startExpiredRecordsSweep } from './expired-records';
import { startReminderScan } from './reminders';
import { createReviewsService, type ReviewsService } from './reviews';
import type { SignInLimitRules } from './sign-in-limits';
import { migrateOnStart } from './start-up-migrations';
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
  newBookingsAtOnce,
}: {
  notifier: SlotNotifier;
  /** How often due reminders are looked for (tests shorten it, or give 0 to run scans by hand). */
  reminderScan?: { everyMs?: number };
  /** How often unfinished hold changes are settled, and how old they must be; tests shorten it. */
  holdSweep?: { everyMs?: number; olderThanMs?: number };
  /** New bookings made at once (NEW_BOOKINGS_AT_ONCE); the next wait their turn. */
  newBookingsAtOnce?: number;
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
  await migrateOnStart({ clock, logger });
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
      newBookingsAtOnce,
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
  newBookingsAtOnce,
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
  newBookingsAtOnce?: number;
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
    newBookingsAtOnce,
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
