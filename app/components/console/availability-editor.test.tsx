// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';

import { parseWithZod } from '@conform-to/zod/v4';
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { useActionData } from '@remix-run/react';
import { createRemixStub } from '@remix-run/testing';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { AvailabilitySchema, type Availability } from '../../schemas/availability';
import type { Slot } from '../../schemas/expert';
import { AvailabilityEditor } from './availability-editor';

const RULES: Availability = {
  timezone: 'Europe/Berlin',
  sessionMinutes: 60,
  extraSessionMinutes: [],
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  minimumNoticeMinutes: 120,
  horizonDays: 30,
  weeklyHours: {
    monday: [{ start: '09:00', end: '12:00' }],
    tuesday: [],
    wednesday: [],
    thursday: [],
    friday: [],
    saturday: [],
    sunday: [],
  },
  overrides: [{ date: '2030-03-12', intervals: [] }],
};

const PREVIEW: Slot[] = [
  {
    date: '2030-03-11',
    timeSlot: '09:00-10:00',
    startsAt: '2030-03-11T08:00:00.000Z',
    available: false,
    reason: 'booked',
  },
  {
    date: '2030-03-11',
    timeSlot: '10:00-11:00',
    startsAt: '2030-03-11T09:00:00.000Z',
    available: true,
  },
];

/**
 * The editor on a stub route whose action answers as the real one does before saving, beside a
 * preview loader that offers 11:00–12:00 when Monday ends at 12:00 and calls anything else invalid.
 */
function renderEditor(saved: FormData[] = [], previews: URLSearchParams[] = []) {
  const Stub = createRemixStub([
    {
      path: '/console/availability/preview',
      loader({ request }: LoaderFunctionArgs) {
        const fields = new URL(request.url).searchParams;
        previews.push(fields);
        const valid = fields.get('weeklyHours.monday[0].end') === '12:00';
        return json({
          preview: valid
            ? [{ ...PREVIEW[1]!, timeSlot: '11:00-12:00', startsAt: '2030-03-11T10:00:00.000Z' }]
            : null,
        });
      },
    },
    {
      path: '/console/availability',
      Component() {
        const lastResult = useActionData<never>();
        return (
          <AvailabilityEditor
            heading="Your availability"
            expert={{ id: 'e1', name: 'Ada Lovelace', timezone: 'Europe/Berlin' }}
            availability={RULES}
            preview={PREVIEW}
            outsideRules={[{ date: '2030-03-14', timeSlot: '18:00-19:00' }]}
            timeZones={['Europe/Berlin', 'UTC']}
            lastResult={lastResult}
            savedAt={null}
            previewPath="/console/availability/preview"
          />
        );
      },
      async action({ request }: ActionFunctionArgs) {
        const formData = await request.formData();
        const submission = parseWithZod(formData, { schema: AvailabilitySchema });
        if (submission.status === 'success') saved.push(formData);
        return json(submission.reply(), { status: submission.status === 'error' ? 400 : 200 });
      },
    },
  ]);
  render(<Stub initialEntries={['/console/availability']} />);
}

function day(name: string) {
  return within(screen.getByRole('group', { name }));
}

describe('AvailabilityEditor', () => {
  it('shows the rules, the preview in the expert’s zone and the bookings outside the hours', async () => {
    renderEditor();
    expect(await screen.findByLabelText('Monday, hours 1: from')).toHaveValue('09:00');
    expect(screen.getByLabelText('Monday, hours 1: until')).toHaveValue('12:00');
    expect(day('Tuesday').getByText('Not working.')).toBeInTheDocument();
    expect(screen.getByLabelText('Time zone')).toHaveValue('Europe/Berlin');
    expect(screen.getByLabelText('Session length')).toHaveValue('60');
    expect(screen.getByLabelText('Date')).toHaveValue('2030-03-12');
    expect(day('Override 1').getByText('Closed all day.')).toBeInTheDocument();

    const preview = within(screen.getByRole('region', { name: 'The next 7 days' }));
    expect(preview.getByText(/Europe\/Berlin time/)).toBeInTheDocument();
    expect(preview.getByText('09:00–10:00')).toHaveTextContent('09:00–10:00 (booked)');
    expect(preview.getByText('10:00–11:00')).toBeInTheDocument();
    const outside = within(screen.getByRole('region', { name: 'Bookings outside these hours' }));
    expect(outside.getByText('Thursday, 14 March 2030, 18:00–19:00')).toBeInTheDocument();
  });

  it('adds and removes hours with list intents', async () => {
    const user = userEvent.setup();
    renderEditor();
    await user.click(await screen.findByRole('button', { name: 'Add hours to Tuesday' }));
    expect(await screen.findByLabelText('Tuesday, hours 1: from')).toHaveValue('09:00');
    expect(screen.getByLabelText('Tuesday, hours 1: until')).toHaveValue('17:00');
    await user.click(screen.getByRole('button', { name: 'Remove Monday, hours 1' }));
    await waitFor(() => expect(day('Monday').getByText('Not working.')).toBeInTheDocument());
    // Tuesday's new hours survived Monday's removal.
    expect(screen.getByLabelText('Tuesday, hours 1: until')).toHaveValue('17:00');
  });

  it('names each problem next to its field and in a focused summary, keeping what was typed', async () => {
    const user = userEvent.setup();
    const saved: FormData[] = [];
    renderEditor(saved);
    await user.click(await screen.findByRole('button', { name: 'Add hours to Monday' }));
    const from = await screen.findByLabelText('Monday, hours 2: from');
    await user.clear(from);
    await user.type(from, '11:00');
    const until = screen.getByLabelText('Monday, hours 2: until');
    await user.clear(until);
    await user.type(until, '13:00');
    await user.clear(screen.getByLabelText('Booking horizon (days)'));
    await user.type(screen.getByLabelText('Booking horizon (days)'), '400');
    await user.click(screen.getByRole('button', { name: 'Save availability' }));

    const summary = await screen.findByRole('alert');
    await waitFor(() => expect(summary).toHaveFocus());
    expect(summary).toHaveTextContent('2 things to fix');
    const overlap = 'Intervals on Monday overlap: 09:00–12:00 and 11:00–13:00.';
    expect(within(summary).getByRole('link', { name: overlap })).toHaveAttribute(
      'href',
      '#availability-weeklyHours.monday[1]',
    );
    expect(day('Monday').getByText(overlap)).toBeInTheDocument();
    const horizon = screen.getByLabelText('Booking horizon (days)');
    expect(horizon).toHaveAttribute('aria-invalid', 'true');
    expect(horizon).toHaveAccessibleDescription(
      'How many days ahead clients can book. Booking horizon must be at most 365.',
    );
    expect(horizon).toHaveValue(400);
    expect(screen.getByLabelText('Monday, hours 2: from')).toHaveValue('11:00');
    expect(saved).toEqual([]);
  });

  it('previews the rules being typed, once valid, without the session’s token', async () => {
    const user = userEvent.setup();
    const previews: URLSearchParams[] = [];
    renderEditor([], previews);
    const preview = within(await screen.findByRole('region', { name: 'The next 7 days' }));
    const until = screen.getByLabelText('Monday, hours 1: until');
    await user.clear(until);
    await user.type(until, '11');
    await preview.findByText(/the changes are not valid rules yet/);
    expect(preview.getByText('10:00–11:00')).toBeInTheDocument();

    await user.type(until, ':00');
    await user.clear(until);
    await user.type(until, '12:00');
    await preview.findByText(/with your changes, once saved/);
    expect(preview.getByText('11:00–12:00')).toBeInTheDocument();
    expect(preview.queryByText('10:00–11:00')).toBeNull();
    expect(previews.at(-1)?.get('timezone')).toBe('Europe/Berlin');
    expect(previews.every((fields) => !fields.has('csrf'))).toBe(true);
  });
});
