import { backfillBookingMonths } from '../../models';
import { startCatalogue, type Catalogue } from '../catalogue/catalogue';
import type { Logger } from '../logger';
import { createAccountsService, type AccountsService } from './accounts';
import { migrateDatedAvailability } from './availability-migration';
import { noBookingMail, type BookingMail } from './booking-mail';
import { createBookingsService, type BookingsService } from './bookings';
import { createExpertsService, type Clock, type ExpertsService } from './experts';
import type { SignInLimitRules } from './sign-in-limits';
import type { SlotNotifier } from './slot-notifier';

export interface Services {
  experts: ExpertsService;
  bookings: BookingsService;
  accounts: AccountsService;
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
  mail,
  logger,
  clock = () => new Date(),
  redisUrl,
  signInLimits,
}: {
  notifier: SlotNotifier;
  /** Where booking messages go; none are sent until the mail outbox is plugged in here. */
  mail?: BookingMail;
  logger: Logger;
  clock?: Clock;
  redisUrl?: string;
  signInLimits?: SignInLimitOptions;
}): Promise<RunningServices> {
  // Bookings stored before they carried their month would be invisible to the month reads.
  const backfilled = await backfillBookingMonths();
  if (backfilled > 0) logger.info({ bookings: backfilled }, 'gave older bookings their month');
  // Experts stored before availability became rules carry a dated list the services cannot read.
  const migrated = await migrateDatedAvailability(clock());
  if (migrated.experts > 0) logger.info(migrated, 'turned dated availability into rules');
  const catalogue = await startCatalogue({ clock, logger, redisUrl });
  return {
    services: createServices({ notifier, mail, catalogue, logger, clock, signInLimits }),
    catalogue,
    close: () => catalogue.close(),
  };
}

export function createServices({
  notifier,
  mail = noBookingMail,
  catalogue,
  logger,
  clock = () => new Date(),
  signInLimits,
}: {
  notifier: SlotNotifier;
  mail?: BookingMail;
  /** Serves the expert list and hears of every committed booking and release, next to `notifier`. */
  catalogue: Pick<Catalogue, 'list' | 'has' | 'notifier'>;
  logger: Logger;
  clock?: Clock;
  signInLimits?: SignInLimitOptions;
}): Services {
  const experts = createExpertsService({ clock, catalogue });
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
    mail,
    logger,
    clock,
  });
  const accounts = createAccountsService({ clock, signInLimits });
  return { experts, bookings, accounts };
}
