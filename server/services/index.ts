import type { Logger } from '../logger';
import { createBookingsService, type BookingsService } from './bookings';
import { createExpertsService, type Clock, type ExpertsService } from './experts';
import type { SlotNotifier } from './slot-notifier';

export interface Services {
  experts: ExpertsService;
  bookings: BookingsService;
}

export function createServices({
  notifier,
  logger,
  clock = () => new Date(),
}: {
  notifier: SlotNotifier;
  logger: Logger;
  clock?: Clock;
}): Services {
  const experts = createExpertsService({ clock });
  const bookings = createBookingsService({ experts, notifier, logger });
  return { experts, bookings };
}
