// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';

import { parseWithZod } from '@conform-to/zod/v4';
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { useActionData } from '@remix-run/react';
import { createRemixStub } from '@remix-run/testing';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { AvailabilitySchema, type Availability } from '../../../shared/schemas/availability';
import type { Slot } from '../../../shared/schemas/expert';
import { LiveAnnouncer } from '../live-announcer';
import { AvailabilityEditor } from './availability-editor';

/** Monday mornings in Berlin, two hours' notice, 30 days ahead; the rest as the schema defaults it. */
const RULES: Availability = AvailabilitySchema.parse({
  timezone: 'Europe/Berlin',
  sessionMinutes: 60,
  minimumNoticeMinutes: 120,
  horizonDays: 30,
  weeklyHours: { monday: [{ start: '09:00', end: '12:00' }] },
  overrides: [{ date: '2030-03-12', intervals: [] }],
});

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
function renderEditor(
  saved: FormData[] = [],
  previews: URLSearchParams[] = [],
  { availability = RULES, preview = [{ sessionMinutes: 60, slots: PREVIEW }] } = {},
) {
  const Stub = createRemixStub([
    {
      path: '/console/availability/preview',
      loader({ request }: LoaderFunctionArgs) {
        const fields = new URL(request.url).searchParams;
        previews.push(fields);
        const valid = fields.get('weeklyHours.monday[0].end') === '12:00';
        const slot = {
          ...PREVIEW[1]!,
          timeSlot: '11:00-12:00',
          startsAt: '2030-03-11T10:00:00.000Z',
        };
        return json({ preview: valid ? [{ sessionMinutes: 60, slots: [slot] }] : null });
      },
    },
    {
      path: '/console/availability',
      Component() {
        const lastResult = useActionData<never>();
        return (
          <>
            <LiveAnnouncer />
            <AvailabilityEditor
              heading="Your availability"
              expert={{ id: 'e1', name: 'Ada Lovelace', timezone: 'Europe/Berlin' }}
              availability={availability}
              preview={preview}
              outsideRules={[{ date: '2030-03-14', timeSlot: '18:00-19:00' }]}
              timeZones={['Europe/Berlin', 'UTC']}
              lastResult={lastResult}
              savedAt={null}
              previewPath="/console/availability/preview"
            />
          </>
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

const SEVERAL_LENGTHS: Availability = {
  ...RULES,
  extraSessionMinutes: [30, 90],
  startEveryMinutes: 30,
  bufferBeforeMinutes: 5,
  bufferAfterMinutes: 15,
  maxSessionsPerDay: 4,
};

function previewSlot(date: string, timeSlot: string, reason?: Slot['reason']): Slot {
  return {
    date,
    timeSlot,
    startsAt: `${date}T${timeSlot.slice(0, 5)}:00.000Z`,
    available: !reason,
    ...(reason ? { reason } : {}),
  };
}

describe('AvailabilityEditor: lengths, start times, buffers and limits', () => {
  it('shows the cancellation notice and saves a new one, refusing more than a week', async () => {
    const user = userEvent.setup();
    const saved: FormData[] = [];
    renderEditor(saved);
    const notice = await screen.findByLabelText('Cancellation notice (minutes)');
    expect(notice).toHaveValue(0);
    expect(notice).toHaveAccessibleDescription(/can no longer cancel or reschedule/);

    await user.clear(notice);
    await user.type(notice, '10081');
    await user.click(screen.getByRole('button', { name: 'Save availability' }));
    expect(await screen.findAllByText('Cancellation notice must be at most 10080.')).not.toEqual(
      [],
    );
    expect(saved).toHaveLength(0);

    await user.clear(notice);
    await user.type(notice, '1440');
    await user.click(screen.getByRole('button', { name: 'Save availability' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    const submission = parseWithZod(saved[0]!, { schema: AvailabilitySchema });
    expect(submission.status === 'success' && submission.value.cancellationNoticeMinutes).toBe(
      1440,
    );
  });

  it('shows every setting as stored, empty where a setting is off', async () => {
    renderEditor([], [], { availability: SEVERAL_LENGTHS });
    expect(await screen.findByLabelText('Extra length 1 (minutes)')).toHaveValue(30);
    expect(screen.getByLabelText('Extra length 2 (minutes)')).toHaveValue(90);
    expect(screen.getByLabelText('Start every (minutes)')).toHaveValue(30);
    expect(screen.getByLabelText('Buffer before (minutes)')).toHaveValue(5);
    expect(screen.getByLabelText('Buffer after (minutes)')).toHaveValue(15);
    expect(screen.getByLabelText('Sessions per day')).toHaveValue(4);
    expect(screen.getByLabelText('Extra length 1 (minutes)')).toHaveAccessibleDescription(
      'Up to 3 other lengths clients can choose instead, from 15 to 240 minutes in steps of 5.',
    );
    expect(screen.getByRole('button', { name: 'Remove extra length 2' })).toBeInTheDocument();
  });

  it('leaves "start every" and "sessions per day" empty when they are off, and saves them so', async () => {
    const user = userEvent.setup();
    const saved: FormData[] = [];
    renderEditor(saved);
    const startEvery = await screen.findByLabelText('Start every (minutes)');
    const perDay = screen.getByLabelText('Sessions per day');
    expect(startEvery).toHaveValue(null);
    expect(startEvery).not.toBeRequired();
    expect(perDay).toHaveValue(null);
    expect(perDay).not.toBeRequired();
    expect(screen.getByLabelText('Buffer after (minutes)')).toHaveValue(0);
    expect(screen.queryByLabelText(/Extra length/)).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Save availability' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    const submission = parseWithZod(saved[0]!, { schema: AvailabilitySchema });
    expect(submission.status).toBe('success');
    const value = submission.status === 'success' ? submission.value : undefined;
    expect(value).toMatchObject({
      sessionMinutes: 60,
      extraSessionMinutes: [],
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 0,
    });
    expect(value?.startEveryMinutes).toBeUndefined();
    expect(value?.maxSessionsPerDay).toBeUndefined();
  });

  it('adds lengths up to three with a list intent, and removes them', async () => {
    const user = userEvent.setup();
    const saved: FormData[] = [];
    renderEditor(saved);
    const add = () => screen.getByRole('button', { name: 'Add a length' });
    await user.click(await screen.findByRole('button', { name: 'Add a length' }));
    const first = await screen.findByLabelText('Extra length 1 (minutes)');
    await user.type(first, '30');
    await user.click(add());
    await user.type(await screen.findByLabelText('Extra length 2 (minutes)'), '90');
    await user.click(add());
    await user.type(await screen.findByLabelText('Extra length 3 (minutes)'), '120');
    // Three is the most: no fourth.
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Add a length' })).toBeNull());

    await user.click(screen.getByRole('button', { name: 'Remove extra length 2' }));
    await waitFor(() => expect(screen.queryByLabelText('Extra length 3 (minutes)')).toBeNull());
    expect(screen.getByLabelText('Extra length 2 (minutes)')).toHaveValue(120);
    expect(add()).toBeInTheDocument();

    await user.type(screen.getByLabelText('Start every (minutes)'), '15');
    await user.clear(screen.getByLabelText('Buffer after (minutes)'));
    await user.type(screen.getByLabelText('Buffer after (minutes)'), '15');
    await user.type(screen.getByLabelText('Sessions per day'), '5');
    await user.click(screen.getByRole('button', { name: 'Save availability' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    const submission = parseWithZod(saved[0]!, { schema: AvailabilitySchema });
    expect(submission.status === 'success' ? submission.value : submission.error).toMatchObject({
      extraSessionMinutes: [30, 120],
      startEveryMinutes: 15,
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 15,
      maxSessionsPerDay: 5,
    });
  });

  it('names each problem next to its field, tied to it, and in the summary', async () => {
    const user = userEvent.setup();
    const saved: FormData[] = [];
    renderEditor(saved, [], { availability: { ...SEVERAL_LENGTHS, extraSessionMinutes: [30] } });
    const extra = await screen.findByLabelText('Extra length 1 (minutes)');
    await user.clear(extra);
    await user.type(extra, '60');
    await user.click(screen.getByRole('button', { name: 'Add a length' }));
    await user.type(await screen.findByLabelText('Extra length 2 (minutes)'), '7');
    const fill = async (label: string, value: string) => {
      const input = screen.getByLabelText(label);
      await user.clear(input);
      await user.type(input, value);
    };
    await fill('Start every (minutes)', '7');
    await fill('Buffer before (minutes)', '121');
    await fill('Buffer after (minutes)', '12');
    await fill('Sessions per day', '0');
    await user.click(screen.getByRole('button', { name: 'Save availability' }));

    const summary = await screen.findByRole('alert');
    await waitFor(() => expect(summary).toHaveFocus());
    const expected: [label: string, hint: string, message: string, id: string][] = [
      [
        'Extra length 1 (minutes)',
        'Up to 3 other lengths clients can choose instead, from 15 to 240 minutes in steps of 5.',
        '60 minutes is already offered.',
        'availability-extraSessionMinutes[0]',
      ],
      [
        'Extra length 2 (minutes)',
        'Up to 3 other lengths clients can choose instead, from 15 to 240 minutes in steps of 5.',
        'Extra session length must be at least 15.',
        'availability-extraSessionMinutes[1]',
      ],
      [
        'Start every (minutes)',
        'Sessions may start this often, e.g. 30. Empty: each length starts when the last session of that length ends.',
        'Start every must be a multiple of 5.',
        'availability-startEveryMinutes',
      ],
      [
        'Buffer before (minutes)',
        'Free time kept before each session, e.g. 10.',
        'Buffer before must be at most 120.',
        'availability-bufferBeforeMinutes',
      ],
      [
        'Buffer after (minutes)',
        'Free time kept after each session, e.g. 15.',
        'Buffer after must be a multiple of 5.',
        'availability-bufferAfterMinutes',
      ],
      [
        'Sessions per day',
        'The most sessions of any length on one day. Empty: no limit.',
        'Sessions per day must be at least 1.',
        'availability-maxSessionsPerDay',
      ],
    ];
    for (const [label, hint, message, id] of expected) {
      const input = screen.getByLabelText(label);
      expect(input).toHaveAttribute('id', id);
      expect(input).toHaveAttribute('aria-invalid', 'true');
      expect(input).toHaveAccessibleDescription(expect.stringContaining(`${hint} ${message}`));
      // Next to the field: in the same row or field as the input.
      const field = input.closest('.interval, .field')!;
      expect(within(field as HTMLElement).getByText(message)).toBeInTheDocument();
      expect(within(summary).getByRole('link', { name: message })).toHaveAttribute(
        'href',
        `#${id}`,
      );
    }
    // What was typed stays.
    expect(screen.getByLabelText('Extra length 2 (minutes)')).toHaveValue(7);
    expect(screen.getByLabelText('Sessions per day')).toHaveValue(0);
    expect(saved).toEqual([]);
  });

  it('previews every length, day by day, with buffers and the daily limit as reasons', async () => {
    renderEditor([], [], {
      availability: SEVERAL_LENGTHS,
      preview: [
        {
          sessionMinutes: 60,
          slots: [
            previewSlot('2030-03-11', '09:00-10:00', 'booked'),
            previewSlot('2030-03-11', '10:00-11:00', 'booked'),
            previewSlot('2030-03-11', '11:00-12:00'),
            previewSlot('2030-03-12', '09:00-10:00', 'day_full'),
          ],
        },
        { sessionMinutes: 30, slots: [previewSlot('2030-03-11', '11:00-11:30')] },
        { sessionMinutes: 90, slots: [] },
      ],
    });
    const preview = within(await screen.findByRole('region', { name: 'The next 7 days' }));
    expect(
      preview.getByText(/30, 60 and 90-minute sessions, in Europe\/Berlin time/),
    ).toBeVisible();
    const monday = within(preview.getByRole('heading', { name: 'Mon 11 Mar' }).closest('li')!);
    expect(monday.getAllByRole('heading', { level: 4 }).map((h) => h.textContent)).toEqual([
      '60 minutes',
      '30 minutes',
    ]);
    expect(monday.getByText('10:00–11:00')).toHaveTextContent('10:00–11:00 (booked)');
    expect(monday.getByText('11:00–11:30')).toBeInTheDocument();
    const tuesday = within(preview.getByRole('heading', { name: 'Tue 12 Mar' }).closest('li')!);
    expect(tuesday.getByText('09:00–10:00')).toHaveTextContent('09:00–10:00 (day full)');
    expect(tuesday.queryByText('30 minutes')).toBeNull();
  });

  it('sends the new settings to the preview as they are typed', async () => {
    const user = userEvent.setup();
    const previews: URLSearchParams[] = [];
    renderEditor([], previews, { availability: SEVERAL_LENGTHS });
    await user.type(await screen.findByLabelText('Sessions per day'), '0');
    await waitFor(() => expect(previews.at(-1)?.get('maxSessionsPerDay')).toBe('40'));
    const fields = previews.at(-1)!;
    expect(fields.get('extraSessionMinutes[0]')).toBe('30');
    expect(fields.get('extraSessionMinutes[1]')).toBe('90');
    expect(fields.get('startEveryMinutes')).toBe('30');
    expect(fields.get('bufferBeforeMinutes')).toBe('5');
    expect(fields.get('bufferAfterMinutes')).toBe('15');
  });
});

/** What the page's live region says now. */
function announced(): string {
  return document.getElementById('live-announcer')?.textContent ?? '';
}

/** Every id a field's description or error message names, that names nothing. */
function danglingDescriptions(): string[] {
  return [...document.querySelectorAll('[aria-describedby], [aria-errormessage]')].flatMap(
    (element) =>
      [element.getAttribute('aria-describedby'), element.getAttribute('aria-errormessage')]
        .join(' ')
        .split(/\s+/)
        .filter((id) => id && id !== 'null' && !document.getElementById(id)),
  );
}

describe('AvailabilityEditor by keyboard and screen reader', () => {
  it('focuses and announces added hours, and after a removal the next hours or Add', async () => {
    const user = userEvent.setup();
    renderEditor([], [], {
      availability: {
        ...RULES,
        weeklyHours: {
          ...RULES.weeklyHours,
          monday: [
            { start: '09:00', end: '12:00' },
            { start: '13:00', end: '17:00' },
          ],
        },
      },
    });
    await user.click(await screen.findByRole('button', { name: 'Add hours to Tuesday' }));
    await waitFor(() => expect(screen.getByLabelText('Tuesday, hours 1: from')).toHaveFocus());
    expect(announced()).toBe('Tuesday, hours 1 added, from 09:00 until 17:00.');

    await user.click(screen.getByRole('button', { name: 'Remove Monday, hours 1' }));
    // The block that was second is first now, and has focus.
    await waitFor(() => expect(screen.getByLabelText('Monday, hours 1: from')).toHaveFocus());
    expect(screen.getByLabelText('Monday, hours 1: from')).toHaveValue('13:00');
    expect(announced()).toBe('Monday, hours 1 removed.');

    await user.click(screen.getByRole('button', { name: 'Remove Monday, hours 1' }));
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Add hours to Monday' })).toHaveFocus(),
    );
    expect(announced()).toBe('Monday, hours 1 removed.');
  });

  it('clears a fixed field’s message, and leaves focus where Tab takes it', async () => {
    const user = userEvent.setup();
    renderEditor();
    const until = await screen.findByLabelText('Monday, hours 1: until');
    await waitFor(() =>
      expect((until as HTMLInputElement).form).toHaveAttribute('data-checks', 'browser'),
    );
    await user.clear(until);
    await user.type(until, '08:00');
    await user.click(screen.getByRole('button', { name: 'Save availability' }));
    const summary = await screen.findByRole('alert');
    await waitFor(() => expect(summary).toHaveFocus());
    const message = 'An interval must end after it starts.';
    expect(day('Monday').getByText(message)).toBeInTheDocument();
    // The time's description is the block's message: the reason it is invalid is read.
    expect(until).toHaveAttribute('aria-invalid', 'true');
    expect(until).toHaveAccessibleDescription(message);
    expect(danglingDescriptions()).toEqual([]);

    await user.clear(until);
    await user.type(until, '10:00');
    await waitFor(() => expect(day('Monday').queryByText(message)).toBeNull());
    expect(until).not.toHaveAttribute('aria-invalid');
    expect(screen.queryByRole('alert')).toBeNull();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Remove Monday, hours 1' })).toHaveFocus();
  });

  it('focuses and announces added and removed lengths and dates too', async () => {
    const user = userEvent.setup();
    renderEditor();
    await user.click(await screen.findByRole('button', { name: 'Add a length' }));
    await waitFor(() => expect(screen.getByLabelText('Extra length 1 (minutes)')).toHaveFocus());
    expect(announced()).toBe('Extra length 1 added.');
    await user.click(screen.getByRole('button', { name: 'Remove extra length 1' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Add a length' })).toHaveFocus());
    expect(announced()).toBe('Extra length 1 removed.');

    await user.click(screen.getByRole('button', { name: 'Add a date' }));
    await waitFor(() => expect(day('Override 2').getByLabelText('Date')).toHaveFocus());
    expect(announced()).toBe('Override 2 added: choose its date.');
    await user.click(screen.getByRole('button', { name: 'Remove override 1' }));
    // Override 2 moved up into the first place, and has focus there.
    await waitFor(() => expect(day('Override 1').getByLabelText('Date')).toHaveFocus());
    expect(day('Override 1').getByLabelText('Date')).toHaveValue('');
    expect(announced()).toBe('Override 1 removed.');
  });

  it('offers Save before the weekdays, a few Tabs into the form', async () => {
    const user = userEvent.setup();
    renderEditor();
    await screen.findByLabelText('Monday, hours 1: from');
    const save = screen.getByRole('button', { name: 'Save availability' });
    for (let tabs = 0; tabs < 3 && document.activeElement !== save; tabs += 1) await user.tab();
    expect(save).toHaveFocus();
  });
});
