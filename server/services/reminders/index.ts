import type { Logger } from '../../logger';
import type { BookingMail } from '../booking-mail';
import type { Clock } from '../clock';
import { runEvery } from '../run-every';
import { createReminderScan } from './scan';

export { createReminderScan, recordReminderOutcome, type ReminderScan } from './scan';
export { createAgendaScheduler } from './agenda-store';

export const REMINDER_SCAN_EVERY_MS = 15_000;

/** Looks for due reminders every `everyMs` (0: never, for tests that run scans themselves). */
export function startReminderScan({
  mail,
  clock,
  logger,
  everyMs = REMINDER_SCAN_EVERY_MS,
}: {
  mail: BookingMail;
  clock: Clock;
  logger: Logger;
  everyMs?: number;
}): { stop(): Promise<void> } {
  if (everyMs <= 0) return { stop: async () => undefined };
  const scan = createReminderScan({ mail, clock, logger });
  return runEvery(everyMs, async () => {
    try {
      await scan.runOnce();
    } catch (error) {
      logger.error({ err: error }, 'reminder scan failed');
    }
  });
}
