import { describe, expect, it } from 'vitest';

import type { BookingChangedEvent } from '../../../shared/schemas/console-realtime';
import { describeLiveChange } from './live-bookings';

const event: BookingChangedEvent = {
  change: 'booked',
  bookingId: '0123456789abcdef01234567',
  expertId: '89abcdef0123456789abcdef',
  by: 'client',
  name: 'Ada Lovelace',
  date: '2030-03-05',
  timeSlot: '09:00-10:00',
  status: 'Pending',
};

describe('what the live region says', () => {
  it.each([
    ['booked', 'New booking: Ada Lovelace on Tuesday, 5 March 2030, 09:00–10:00'],
    ['cancelled', 'Cancelled by the client: Ada Lovelace on Tuesday, 5 March 2030, 09:00–10:00'],
    ['rescheduled', 'Moved by the client: Ada Lovelace, now on Tuesday, 5 March 2030, 09:00–10:00'],
  ] as const)('names the client and the session for a client’s %s', (change, said) => {
    expect(describeLiveChange({ ...event, change })).toBe(said);
  });

  it('says nothing of changes made in a console: their author read the result by the row', () => {
    expect(describeLiveChange({ ...event, change: 'cancelled', by: 'expert' })).toBeUndefined();
    expect(describeLiveChange({ ...event, change: 'status', by: 'admin' })).toBeUndefined();
  });
});
