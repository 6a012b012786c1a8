// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';

import { createRemixStub } from '@remix-run/testing';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { Slot } from '../../shared/schemas/expert';
import { SlotPicker } from './slot-picker';

function slot(date: string, timeSlot: string, available = true): Slot {
  return { date, timeSlot, startsAt: `${date}T${timeSlot.slice(0, 5)}:00.000Z`, available };
}

const SLOTS = [
  slot('2030-03-04', '09:00-10:00', false),
  slot('2030-03-05', '09:00-10:00'),
  slot('2030-03-05', '10:00-11:00', false),
  slot('2030-03-05', '14:00-15:00'),
  slot('2030-03-07', '09:00-10:00'),
];

function renderPicker(props: Partial<Parameters<typeof SlotPicker>[0]> = {}) {
  const Stub = createRemixStub([
    {
      path: '/experts/abc',
      Component: () => (
        <form>
          <SlotPicker
            name="slot"
            slots={SLOTS}
            timezone="UTC"
            viewerZone="Asia/Tokyo"
            day="2030-03-05"
            errorId="slot-error"
            {...props}
          />
        </form>
      ),
    },
  ]);
  return render(<Stub initialEntries={['/experts/abc']} />);
}

function dayLinks() {
  return within(screen.getByRole('list', { name: 'Choose a day and a time' })).getAllByRole('link');
}

describe('SlotPicker', () => {
  it('without a chosen day shows the first day with a free slot, not a full one', () => {
    renderPicker({ day: undefined });
    expect(screen.getByRole('group', { name: 'Tuesday, 5 March 2030' })).toBeInTheDocument();
    expect(dayLinks()[1]).toHaveAttribute('aria-current', 'page');
  });

  it('shows a row of days, each with its free count, as links to that day', () => {
    renderPicker();
    const links = dayLinks();
    expect(links.map((link) => link.getAttribute('aria-label'))).toEqual([
      'Mon 4 Mar, full',
      'Tue 5 Mar, 2 free',
      'Thu 7 Mar, 1 free',
    ]);
    expect(links.map((link) => link.getAttribute('href'))).toEqual([
      '/experts/abc?day=2030-03-04',
      '/experts/abc?day=2030-03-05',
      '/experts/abc?day=2030-03-07',
    ]);
    expect(links[1]).toHaveAccessibleName('Tue 5 Mar, 2 free');
    // The visible words, spaced, are the name's own words in the same order (label in name).
    expect(links[1]!.textContent).toBe('Tue 5 Mar 2 free');
    expect(links[0]!.textContent).toBe('Mon 4 Mar full');
    expect(links[0]).toHaveAccessibleName('Mon 4 Mar, full');
    expect(links[1]).toHaveAttribute('aria-current', 'page');
    expect(links.filter((link) => link.hasAttribute('aria-current'))).toHaveLength(1);
  });

  it("then one radio group of the chosen day's slots only", () => {
    renderPicker();
    const day = screen.getByRole('group', { name: 'Tuesday, 5 March 2030' });
    expect(
      within(day)
        .getAllByRole('radio')
        .map((radio) => radio.getAttribute('value')),
    ).toEqual(['2030-03-05T09:00-10:00', '2030-03-05T10:00-11:00', '2030-03-05T14:00-15:00']);
    expect(screen.getAllByRole('radio')).toHaveLength(3);
    expect(
      new Set(screen.getAllByRole('radio').map((radio) => radio.getAttribute('name'))),
    ).toEqual(new Set(['slot']));
  });

  it('shows taken slots as taken: visible, disabled, never pre-selected', () => {
    renderPicker({ defaultValue: '2030-03-05T10:00-11:00' });
    const taken = screen.getByRole('radio', { name: /^10:00–11:00 Booked/ });
    expect(taken).toBeDisabled();
    expect(taken).not.toBeChecked();
    expect(screen.getByRole('radio', { name: /^09:00–10:00 Free/, checked: false })).toBeEnabled();
  });

  it('says why each unavailable slot cannot be booked: Booked, Too soon, Past', () => {
    renderPicker({
      slots: [
        { ...slot('2030-03-05', '08:00-09:00', false), reason: 'past' },
        { ...slot('2030-03-05', '09:00-10:00', false), reason: 'booked' },
        { ...slot('2030-03-05', '10:00-11:00', false), reason: 'too_soon' },
        slot('2030-03-05', '14:00-15:00'),
      ],
    });
    expect(screen.getAllByRole('radio').map((radio) => radio.closest('li')?.textContent)).toEqual([
      '08:00–09:00 Past',
      '09:00–10:00 Booked',
      '10:00–11:00 Too soon',
      expect.stringMatching(/^14:00–15:00 Free/),
    ]);
    expect(screen.getByRole('radio', { name: '10:00–11:00 Too soon' })).toBeDisabled();
    expect(screen.getByRole('radio', { name: '08:00–09:00 Past' })).toBeDisabled();
  });

  it('keeps the chosen week in the day links', () => {
    renderPicker({ from: '2030-03-04' });
    expect(dayLinks().map((link) => link.getAttribute('href'))).toEqual([
      '/experts/abc?from=2030-03-04&day=2030-03-04',
      '/experts/abc?from=2030-03-04&day=2030-03-05',
      '/experts/abc?from=2030-03-04&day=2030-03-07',
    ]);
  });

  it('keeps a length other than the default in the day and week links, and says the length', () => {
    renderPicker({
      from: '2030-03-04',
      sessionMinutes: 90,
      lengthParam: 90,
      weeks: { next: '2030-03-11' },
    });
    expect(dayLinks().map((link) => link.getAttribute('href'))).toEqual([
      '/experts/abc?sessionMinutes=90&from=2030-03-04&day=2030-03-04',
      '/experts/abc?sessionMinutes=90&from=2030-03-04&day=2030-03-05',
      '/experts/abc?sessionMinutes=90&from=2030-03-04&day=2030-03-07',
    ]);
    expect(screen.getByRole('link', { name: 'Next week' })).toHaveAttribute(
      'href',
      '/experts/abc?sessionMinutes=90&from=2030-03-11',
    );
    expect(screen.getByText(/Times in/)).toHaveTextContent(/^90-minute sessions\. Times in UTC/);
  });

  it('says the length of a lone default length, with plain links', () => {
    renderPicker({ sessionMinutes: 60 });
    expect(dayLinks()[0]).toHaveAttribute('href', '/experts/abc?day=2030-03-04');
    expect(screen.getByText(/Times in/)).toHaveTextContent(/^60-minute sessions\. Times in UTC/);
  });

  it('pre-selects a free slot that was chosen before', () => {
    renderPicker({ defaultValue: '2030-03-05T14:00-15:00' });
    expect(screen.getByRole('radio', { name: /^14:00–15:00/ })).toBeChecked();
  });

  it("labels times with the expert's zone and each free one with the viewer's own", () => {
    renderPicker();
    expect(screen.getByText(/Times in/)).toHaveTextContent(
      "Times in UTC, the expert's zone; under each, yours (Asia/Tokyo).",
    );
    expect(screen.getByRole('radio', { name: /^09:00–10:00/ })).toHaveAccessibleName(
      '09:00–10:00 Free 18:00 your time',
    );
    // Taken slots are not for booking: no local time to read.
    expect(screen.getByRole('radio', { name: /^10:00–11:00/ })).toHaveAccessibleName(
      '10:00–11:00 Booked',
    );
  });

  it('names the other date when the viewer is already on another day', () => {
    const { unmount } = renderPicker({ viewerZone: 'Pacific/Honolulu', day: '2030-03-07' });
    expect(screen.getByRole('radio', { name: /^09:00–10:00/ })).toHaveAccessibleName(
      '09:00–10:00 Free Wed 6 Mar, 23:00 your time',
    );
    unmount();
    renderPicker({ viewerZone: 'Pacific/Kiritimati' });
    expect(screen.getByRole('radio', { name: /^14:00–15:00/ })).toHaveAccessibleName(
      '14:00–15:00 Free Wed 6 Mar, 04:00 your time',
    );
  });

  it('shows no second time when the viewer is in the expert zone, or not known yet', () => {
    const { unmount } = renderPicker({ viewerZone: 'UTC' });
    expect(screen.getByText(/Times in/)).toHaveTextContent(
      "the expert's zone, which is yours too.",
    );
    expect(screen.getByRole('radio', { name: /^09:00–10:00/ })).toHaveAccessibleName(
      '09:00–10:00 Free',
    );
    unmount();
    renderPicker({ viewerZone: undefined });
    expect(screen.getByRole('radio', { name: /^09:00–10:00/ })).toHaveAccessibleName(
      '09:00–10:00 Free',
    );
  });

  it('ties its errors to the group and to every radio', () => {
    renderPicker({ errors: ['This slot is already booked. Please choose another slot.'] });
    const message = screen.getByText('This slot is already booked. Please choose another slot.');
    expect(message.closest('ul')).toHaveAttribute('id', 'slot-error');
    expect(
      screen.getByRole('group', { name: 'Choose a day and a time' }),
    ).toHaveAccessibleDescription(expect.stringContaining('This slot is already booked.'));
    expect(screen.getAllByRole('radio')[0]).toHaveAccessibleDescription(
      'This slot is already booked. Please choose another slot.',
    );
  });

  it('says so when there is nothing to book, on the day or at all', () => {
    const { unmount } = renderPicker({ slots: [] });
    expect(screen.getByText(/no upcoming slots/)).toBeInTheDocument();
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
    unmount();
    const second = renderPicker({ day: '2030-03-04' });
    expect(screen.getByText('Every slot on this day is taken. Please choose another day.'));
    second.unmount();
    renderPicker({ slots: SLOTS.map((s) => ({ ...s, available: false })) });
    expect(screen.getByText(/Every upcoming slot is taken/)).toBeInTheDocument();
  });
});
