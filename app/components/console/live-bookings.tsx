import { useCallback } from 'react';

import { useConsoleUpdates } from '../../realtime/use-console-updates';
import type { BookingChangedEvent } from '../../../shared/schemas/console-realtime';
import { formatDay, formatTimeSlot } from '../../../shared/format';
import { useAnnounce } from './announcer';

/**
 * What the live region says of a change a client made. Changes made in a console are not
 * repeated: whoever made them has just read the result next to the row.
 */
export function describeLiveChange(event: BookingChangedEvent): string | undefined {
  if (event.by !== 'client') return undefined;
  const when = `${formatDay(event.date)}, ${formatTimeSlot(event.timeSlot)}`;
  switch (event.change) {
    case 'booked':
      return `New booking: ${event.name} on ${when}`;
    case 'cancelled':
      return `Cancelled by the client: ${event.name} on ${when}`;
    case 'rescheduled':
      return `Moved by the client: ${event.name}, now on ${when}`;
    case 'status':
      return undefined;
  }
}

/**
 * Keeps the table current while it is open (with JavaScript): new, cancelled and moved bookings
 * of the experts on screen appear without a reload and are announced. Says when live updates are
 * off, so nobody trusts a table that no longer moves.
 */
export function LiveBookings({ expertId }: { expertId?: string }) {
  const announce = useAnnounce();
  const onChange = useCallback(
    (event: BookingChangedEvent) => {
      const message = describeLiveChange(event);
      if (message) announce(message);
    },
    [announce],
  );
  const state = useConsoleUpdates(expertId, onChange);
  if (state === 'refused') {
    return (
      <p className="notice">
        Live updates are off: reload the page (sign in again if asked) to see new bookings.
      </p>
    );
  }
  return (
    <p className="console-live muted" data-live={state}>
      {state === 'live' ? 'Live: new bookings appear here as they are made.' : null}
    </p>
  );
}
