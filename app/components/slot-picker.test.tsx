// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';

import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { Slot } from '../schemas/expert';
import { formatInViewerZone, viewerTimeZone } from '../utils/format';
import { groupSlotsByDate, SlotPicker } from './slot-picker';

function slot(date: string, timeSlot: string, available = true): Slot {
  return { date, timeSlot, startsAt: `${date}T${timeSlot.slice(0, 5)}:00.000Z`, available };
}

const SLOTS = [
  slot('2030-03-05', '09:00-10:00'),
  slot('2030-03-05', '10:00-11:00', false),
  slot('2030-03-05', '14:00-15:00'),
  slot('2030-03-07', '09:00-10:00', false),
];

/** A zone that is not the viewer's, so the picker has a reason to show the viewer's own time. */
const EXPERT_ZONE = viewerTimeZone() === 'Asia/Tokyo' ? 'Europe/Berlin' : 'Asia/Tokyo';

function renderPicker(props: Partial<Parameters<typeof SlotPicker>[0]> = {}) {
  return render(
    <form>
      <SlotPicker
        name="slot"
        slots={SLOTS}
        timezone={EXPERT_ZONE}
        errorId="slot-error"
        {...props}
      />
    </form>,
  );
}

describe('groupSlotsByDate', () => {
  it('keeps the order and starts a group at each new date', () => {
    expect(groupSlotsByDate(SLOTS).map((day) => [day.date, day.slots.length])).toEqual([
      ['2030-03-05', 3],
      ['2030-03-07', 1],
    ]);
    expect(groupSlotsByDate([])).toEqual([]);
  });
});

describe('SlotPicker', () => {
  it('groups slots by day, one radio group for all of them', () => {
    renderPicker();
    const picker = screen.getByRole('group', { name: 'Choose a time slot' });
    const days = within(picker).getAllByRole('group');
    expect(days.map((day) => day.querySelector('legend')?.textContent)).toEqual([
      'Tuesday, 5 March 2030',
      'Thursday, 7 March 2030',
    ]);
    expect(within(days[0]!).getAllByRole('radio')).toHaveLength(3);
    expect(within(days[1]!).getAllByRole('radio')).toHaveLength(1);
    const radios = screen.getAllByRole('radio');
    expect(new Set(radios.map((radio) => radio.getAttribute('name')))).toEqual(new Set(['slot']));
    expect(radios.map((radio) => radio.getAttribute('value'))).toEqual([
      '2030-03-05T09:00-10:00',
      '2030-03-05T10:00-11:00',
      '2030-03-05T14:00-15:00',
      '2030-03-07T09:00-10:00',
    ]);
    expect(screen.getByText(/2 free slots of 4/)).toBeInTheDocument();
  });

  it('shows taken slots as taken: visible, disabled, never pre-selected', () => {
    renderPicker({ defaultValue: '2030-03-05T10:00-11:00' });
    const taken = screen.getByRole('radio', { name: /^10:00–11:00 Taken/ });
    expect(taken).toBeDisabled();
    expect(taken).not.toBeChecked();
    expect(screen.getByRole('radio', { name: /^09:00–10:00 Free/, checked: false })).toBeEnabled();
    expect(screen.getAllByRole('radio', { name: /Taken/ })).toHaveLength(2);
  });

  it('pre-selects a free slot that was chosen before', () => {
    renderPicker({ defaultValue: '2030-03-05T14:00-15:00' });
    expect(screen.getByRole('radio', { name: /^14:00–15:00/ })).toBeChecked();
  });

  it("labels times with the expert's zone and, in the browser, the viewer's own", () => {
    renderPicker();
    expect(screen.getByText(EXPERT_ZONE.replace('_', ' '))).toBeInTheDocument();
    expect(screen.getByText(/Your own time \(.+\) is shown under each slot\./)).toBeInTheDocument();
    const first = screen.getByRole('radio', { name: /^09:00–10:00 Free/ });
    expect(first).toHaveAccessibleName(
      `09:00–10:00 Free Your time: ${formatInViewerZone(SLOTS[0]!.startsAt, '2030-03-05')}`,
    );
  });

  it('ties its errors to the group and to every radio', () => {
    renderPicker({ errors: ['This slot is already booked. Please choose another slot.'] });
    const message = screen.getByText('This slot is already booked. Please choose another slot.');
    expect(message.closest('ul')).toHaveAttribute('id', 'slot-error');
    expect(screen.getByRole('group', { name: 'Choose a time slot' })).toHaveAccessibleDescription(
      expect.stringContaining('This slot is already booked.'),
    );
    expect(screen.getAllByRole('radio')[0]).toHaveAccessibleDescription(
      'This slot is already booked. Please choose another slot.',
    );
  });

  it('says so when there is nothing to book', () => {
    const { unmount } = renderPicker({ slots: [] });
    expect(screen.getByText(/no upcoming slots/)).toBeInTheDocument();
    unmount();
    renderPicker({ slots: SLOTS.map((s) => ({ ...s, available: false })) });
    expect(screen.getByText(/Every upcoming slot is taken/)).toBeInTheDocument();
  });
});
