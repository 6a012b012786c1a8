// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';

import { getZodConstraint } from '@conform-to/zod/v4';
import { json, type LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData, useSearchParams } from '@remix-run/react';
import { createRemixStub } from '@remix-run/testing';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { BookingFormSchema } from '../../shared/schemas/booking-form';
import type { Slot } from '../../shared/schemas/expert';
import { lengthParam } from '../../shared/time/slot-window';
import { BookingForm } from './booking-form';
import { SessionLengthChoice } from './session-length-choice';

const CONSTRAINT = getZodConstraint(BookingFormSchema);

/** The expert offers 60 minutes (the default), 30 and 90. */
const LENGTHS = [60, 30, 90];

function slot(date: string, timeSlot: string): Slot {
  return { date, timeSlot, startsAt: `${date}T${timeSlot.slice(0, 5)}:00.000Z`, available: true };
}

const SLOTS_BY_LENGTH: Record<number, Slot[]> = {
  60: [slot('2030-03-05', '09:00-10:00'), slot('2030-03-06', '09:00-10:00')],
  30: [slot('2030-03-05', '09:00-09:30'), slot('2030-03-05', '09:30-10:00')],
  90: [slot('2030-03-06', '09:00-10:30')],
};

function choiceLinks() {
  return within(screen.getByRole('list', { name: 'Session length' })).getAllByRole('link');
}

/**
 * The expert page's booking card on a stub route: its loader lists the slots of the length the
 * address names, as the real one asks the service to, and counts its runs.
 */
function renderPage(url: string, loads: string[] = []) {
  const Stub = createRemixStub([
    {
      path: '/experts/abc',
      loader({ request }: LoaderFunctionArgs) {
        const asked = new URL(request.url).searchParams.get('sessionMinutes');
        loads.push(asked ?? 'default');
        const sessionMinutes = asked ? Number(asked) : LENGTHS[0]!;
        return json({
          window: { sessionMinutes, sessionLengths: LENGTHS },
          slots: SLOTS_BY_LENGTH[sessionMinutes] ?? [],
        });
      },
      Component() {
        const { window, slots } = useLoaderData<{
          window: { sessionMinutes: number; sessionLengths: number[] };
          slots: Slot[];
        }>();
        const [search] = useSearchParams();
        const from = search.get('from') ?? undefined;
        const day = search.get('day') ?? undefined;
        return (
          <BookingForm
            slots={slots}
            constraint={CONSTRAINT}
            timezone="UTC"
            day={day}
            from={from}
            sessionMinutes={window.sessionMinutes}
            lengthParam={lengthParam(window)}
            lengthChoice={
              <SessionLengthChoice
                lengths={window.sessionLengths}
                current={window.sessionMinutes}
                from={from}
                day={day}
              />
            }
            requestKey="request-key-1234"
          />
        );
      },
    },
  ]);
  return render(<Stub initialEntries={[url]} />);
}

describe('SessionLengthChoice', () => {
  it('offers no choice for one length', () => {
    const Stub = createRemixStub([
      {
        path: '/',
        Component: () => <SessionLengthChoice lengths={[60]} current={60} />,
      },
    ]);
    const { container } = render(<Stub />);
    expect(container).toBeEmptyDOMElement();
  });

  it('asks for the length first: links shortest first, the listed one marked', async () => {
    renderPage('/experts/abc');
    const links = await waitFor(choiceLinks);
    expect(links.map((link) => link.textContent)).toEqual([
      '30 minutes',
      '60 minutes',
      '90 minutes',
    ]);
    // The default length is the plain address.
    expect(links.map((link) => link.getAttribute('href'))).toEqual([
      '/experts/abc?sessionMinutes=30',
      '/experts/abc',
      '/experts/abc?sessionMinutes=90',
    ]);
    expect(links[1]).toHaveAttribute('aria-current', 'page');
    expect(links.filter((link) => link.hasAttribute('aria-current'))).toHaveLength(1);
    // Before the days; the form says the length listed.
    const group = screen.getByRole('group', { name: 'Choose a day and a time' });
    expect(
      screen.getByRole('list', { name: 'Session length' }).compareDocumentPosition(group) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    expect(screen.getByRole('form', { name: 'Book a 60-minute session' })).toContainElement(group);
  });

  it('keeps the week and a chosen day when switching', async () => {
    renderPage('/experts/abc?sessionMinutes=90&from=2030-03-11&day=2030-03-12');
    const links = await waitFor(choiceLinks);
    expect(links.map((link) => link.getAttribute('href'))).toEqual([
      '/experts/abc?sessionMinutes=30&from=2030-03-11&day=2030-03-12',
      '/experts/abc?from=2030-03-11&day=2030-03-12',
      '/experts/abc?sessionMinutes=90&from=2030-03-11&day=2030-03-12',
    ]);
    expect(links[2]).toHaveAttribute('aria-current', 'page');
  });

  it('switches in place: the loader lists the new length, whose days and form keep it', async () => {
    const user = userEvent.setup();
    const loads: string[] = [];
    renderPage('/experts/abc', loads);
    await user.click(await screen.findByRole('link', { name: '30 minutes' }));

    await screen.findByRole('radio', { name: /^09:30–10:00/ });
    expect(loads).toEqual(['default', '30']);
    expect(screen.getByRole('link', { name: '30 minutes' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    expect(screen.getByRole('link', { name: '60 minutes' })).not.toHaveAttribute('aria-current');
    // The link followed keeps the focus: it is the same element.
    expect(screen.getByRole('link', { name: '30 minutes' })).toHaveFocus();
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('Book a 30-minute session');
    expect(screen.getAllByRole('radio').map((radio) => radio.getAttribute('value'))).toEqual([
      '2030-03-05T09:00-09:30',
      '2030-03-05T09:30-10:00',
    ]);
    const days = within(screen.getByRole('list', { name: 'Choose a day and a time' }));
    expect(days.getByRole('link').getAttribute('href')).toBe(
      '/experts/abc?sessionMinutes=30&day=2030-03-05',
    );
    // Without JavaScript an error comes back on the same length.
    expect(screen.getByRole('form', { name: 'Book a 30-minute session' })).toHaveAttribute(
      'action',
      '/experts/abc?sessionMinutes=30',
    );
  });
});
