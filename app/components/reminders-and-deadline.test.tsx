// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';

import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { Booking } from '../../shared/schemas/booking-record';
import { RemindersAndDeadline } from './manage-booking';

const booking: Pick<Booking, 'status' | 'reminders' | 'cancellableUntil'> = {
  status: 'Confirmed',
  reminders: [
    { kind: '24h', sendAt: '2026-12-06T13:00:00.000Z', status: 'scheduled' },
    { kind: '1h', sendAt: '2026-12-07T12:00:00.000Z', status: 'scheduled' },
  ],
  cancellableUntil: '2026-12-06T13:00:00.000Z',
};

describe("the booking page's reminder and deadline sentences", () => {
  it.each([
    [
      "say the next reminder and the deadline in the viewer's zone",
      {
        shown: booking,
        zone: 'Europe/Berlin',
        changeClosed: false,
        reminder: "We'll remind you on Sun 6 Dec at 14:00 (your time).",
        deadline:
          'You can cancel or reschedule until Sun 6 Dec, 14:00 your time; after that, please contact the expert.',
      },
    ],
    [
      'say the deadline has passed once the notice has begun',
      {
        shown: { ...booking, reminders: [{ ...booking.reminders[1]! }] },
        zone: 'America/New_York',
        changeClosed: true,
        reminder: "We'll remind you on Mon 7 Dec at 07:00 (your time).",
        deadline: 'Changes were possible until Sun 6 Dec, 08:00 your time; contact the expert.',
      },
    ],
  ])('%s', (_, { shown, zone, changeClosed, reminder, deadline }) => {
    render(<RemindersAndDeadline booking={shown} zone={zone} changeClosed={changeClosed} />);
    expect(screen.getByText(reminder)).toBeVisible();
    expect(screen.getByText(deadline)).toBeVisible();
  });

  it('say nothing of reminders for a cancelled booking', () => {
    const { container } = render(
      <RemindersAndDeadline
        booking={{ ...booking, status: 'Cancelled' }}
        zone="UTC"
        changeClosed={false}
      />,
    );
    expect(container).toBeEmptyDOMElement();
  });
});
