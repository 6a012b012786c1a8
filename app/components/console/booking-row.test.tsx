// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';

import { createRemixStub } from '@remix-run/testing';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import type { ConsoleBooking } from '../../../shared/schemas/console-bookings';
import { BookingRow } from './booking-row';

const booking: ConsoleBooking = {
  id: '0123456789abcdef01234567',
  expertId: '89abcdef0123456789abcdef',
  expertName: 'Grace Hopper',
  timezone: 'UTC',
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  phone: '+44 20 7946 0958',
  date: '2030-03-05',
  timeSlot: '09:00-10:00',
  startsAt: '2030-03-05T09:00:00.000Z',
  endsAt: '2030-03-05T10:00:00.000Z',
  notes: '',
  status: 'Pending',
  createdAt: '2030-03-04T10:00:00.000Z',
  history: [],
  reminders: [],
  cancellableUntil: null,
  actions: ['confirm', 'cancel'],
  started: false,
  overlapsAnother: false,
};

describe('a console booking row', () => {
  it('says in the cancel reason’s label that a reason is required (WCAG 3.3.2)', async () => {
    const Stub = createRemixStub([
      {
        path: '/console',
        Component: () => (
          <table>
            <tbody>
              <BookingRow booking={booking} showExpert={false} />
            </tbody>
          </table>
        ),
      },
    ]);
    render(<Stub initialEntries={['/console']} />);
    await userEvent.click(await screen.findByText('Cancel…'));
    const reason = screen.getByRole('textbox', { name: /^Reason \(required/ });
    expect(reason).toBeRequired();
    expect(reason).toHaveAccessibleName('Reason (required; the client reads it)');
  });

  it('shows how each reminder fared, so the expert sees the client was reminded', () => {
    const Stub = createRemixStub([
      {
        path: '/console',
        Component: () => (
          <table>
            <tbody>
              <BookingRow
                booking={{
                  ...booking,
                  reminders: [
                    { kind: '24h', sendAt: '2030-03-04T09:00:00.000Z', status: 'sent' },
                    { kind: '1h', sendAt: '2030-03-05T08:00:00.000Z', status: 'failed' },
                  ],
                }}
                showExpert={false}
              />
            </tbody>
          </table>
        ),
      },
    ]);
    render(<Stub initialEntries={['/console']} />);
    expect(screen.getByText('Reminder 24 h before: sent')).toBeInTheDocument();
    expect(screen.getByText('Reminder 1 h before: failed')).toBeInTheDocument();
  });
});
