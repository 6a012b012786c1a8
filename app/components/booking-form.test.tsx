// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';

import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4';
import { json } from '@remix-run/node';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useRef, useState } from 'react';
import { describe, expect, it, vi } from 'vitest';

import { renderFormRoute, renderRoute } from '../../test/support/route-stub';
import { BookingFormSchema } from '../../shared/schemas/booking-form';
import type { Slot } from '../../shared/schemas/expert';
import { BookingForm, type BookingFormControl } from './booking-form';

type BookingSubmission = ReturnType<typeof parseBooking>;

/** As the expert page's loader sends it. */
const CONSTRAINT = getZodConstraint(BookingFormSchema);

function parseBooking(formData: FormData) {
  return parseWithZod(formData, { schema: BookingFormSchema });
}

const SLOTS: Slot[] = [
  {
    date: '2030-03-05',
    timeSlot: '09:00-10:00',
    startsAt: '2030-03-05T09:00:00.000Z',
    available: true,
  },
  {
    date: '2030-03-05',
    timeSlot: '10:00-11:00',
    startsAt: '2030-03-05T10:00:00.000Z',
    available: false,
  },
  {
    date: '2030-03-05',
    timeSlot: '14:00-15:00',
    startsAt: '2030-03-05T14:00:00.000Z',
    available: true,
  },
  {
    date: '2030-03-06',
    timeSlot: '14:00-15:00',
    startsAt: '2030-03-06T14:00:00.000Z',
    available: true,
  },
];

/**
 * Renders the form on a stub route whose action plays the server: it runs the same schema, then
 * `answer` decides what else to say (e.g. the slot was taken meanwhile).
 */
async function renderForm(
  answer: (args: {
    formData: FormData;
    submission: BookingSubmission;
  }) => Response | Promise<Response> = ({ submission }) =>
    json(submission.reply(), { status: submission.status === 'success' ? 200 : 400 }),
) {
  renderFormRoute(
    '/experts/abc',
    (lastResult) => (
      <BookingForm
        slots={SLOTS}
        constraint={CONSTRAINT}
        timezone="UTC"
        requestKey="request-key-1234"
        lastResult={lastResult}
      />
    ),
    async ({ request }) => {
      const formData = await request.formData();
      return answer({ formData, submission: parseBooking(formData) });
    },
  );
  await checksLoaded();
  return userEvent.setup();
}

/** The form's checks load after hydration; until then the server checks it. */
async function checksLoaded() {
  const form = screen.getByRole('form', { name: 'Book a session' });
  await waitFor(() => expect(form).toHaveAttribute('data-checks', 'browser'));
}

function errorOf(input: HTMLElement): string {
  const ids = input.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids
    .filter((id) => id.endsWith('-error'))
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

describe('BookingForm', () => {
  it('is the plain form, with the constraints from the loader, until its checks have loaded', async () => {
    renderRoute('/experts/abc', {
      Component: () => (
        <BookingForm slots={SLOTS} constraint={CONSTRAINT} timezone="UTC" requestKey="key-1" />
      ),
    });
    // Hydrated, checks not here yet: the server checks the form, as without JavaScript.
    expect(screen.getByRole('form', { name: 'Book a session' })).toHaveAttribute(
      'data-checks',
      'server',
    );
    expect(screen.getByLabelText('Name')).toBeRequired();
    expect(screen.getByLabelText('Notes (optional)')).not.toBeRequired();
    await checksLoaded();
  });
  it('checks a field when it is left, wires the error to it, and clears it as it is corrected', async () => {
    const user = await renderForm();
    const name = screen.getByLabelText('Name');
    await user.type(name, 'A');
    await user.tab();

    expect(await screen.findByText('Name must be at least 2 characters.')).toBeInTheDocument();
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(errorOf(name)).toBe('Name must be at least 2 characters.');

    await user.type(name, 'da');
    expect(screen.queryByText('Name must be at least 2 characters.')).not.toBeInTheDocument();
    expect(name).not.toHaveAttribute('aria-invalid');
  });

  it('on submit shows every error, announces them and focuses the first field in error', async () => {
    const user = await renderForm();
    await user.type(screen.getByLabelText('Email'), 'not-an-email');
    await user.click(screen.getByRole('button', { name: 'Book this slot' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Please check the 4 fields marked below.');
    expect(errorOf(screen.getByLabelText('Email'))).toBe(
      'Email must be a valid address, like name@example.com.',
    );
    expect(errorOf(screen.getByLabelText('Name'))).toBe('Name is required.');
    expect(errorOf(screen.getByLabelText('Phone'))).toMatch(/^Phone is required/);
    expect(
      screen.getByText('Time slot is required: choose one of the free slots.'),
    ).toBeInTheDocument();
    // The first field in the form is the slot picker: its first radio gets the focus.
    expect(document.activeElement).toBe(screen.getAllByRole('radio')[0]);
    // What was typed stays.
    expect(screen.getByLabelText('Email')).toHaveValue('not-an-email');
  });

  it("puts the server's answer next to the slot picker and keeps every value", async () => {
    let received: FormData | undefined;
    let parsedKey: string | undefined;
    const user = await renderForm(({ formData, submission }) => {
      received = formData;
      if (submission.status === 'success') parsedKey = submission.value.requestKey;
      return json(
        submission.reply({
          fieldErrors: { slot: ['This slot is already booked. Please choose another slot.'] },
        }),
        { status: 409 },
      );
    });
    await user.click(screen.getByRole('radio', { name: /14:00–15:00/ }));
    await user.type(screen.getByLabelText('Name'), 'Ada Lovelace');
    await user.type(screen.getByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('Phone'), '+44 20 7946 0958');
    await user.type(screen.getByLabelText('Notes (optional)'), 'Engines.');
    await user.click(screen.getByRole('button', { name: 'Book this slot' }));

    const message = await screen.findByText(
      'This slot is already booked. Please choose another slot.',
    );
    expect(message.closest('ul')).toHaveAttribute('id', expect.stringMatching(/-error$/));
    const picker = screen.getByRole('group', { name: 'Choose a day and a time' });
    expect(picker.getAttribute('aria-describedby')).toContain(message.closest('ul')!.id);
    expect(received?.get('requestKey')).toBe('request-key-1234');
    expect(parsedKey).toBe('request-key-1234');
    expect(received?.get('slot')).toBe('2030-03-05T14:00-15:00');
    expect(screen.getByLabelText('Name')).toHaveValue('Ada Lovelace');
    expect(screen.getByLabelText('Email')).toHaveValue('ada@example.com');
    expect(screen.getByLabelText('Phone')).toHaveValue('+44 20 7946 0958');
    expect(screen.getByLabelText('Notes (optional)')).toHaveValue('Engines.');
  });

  it('shows a pending state on the button while the booking is sent', async () => {
    let release: () => void = () => {};
    const user = await renderForm(async ({ submission }) => {
      await new Promise<void>((resolve) => (release = resolve));
      return json(submission.reply());
    });
    await user.click(screen.getAllByRole('radio')[0]!);
    await user.type(screen.getByLabelText('Name'), 'Ada Lovelace');
    await user.type(screen.getByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('Phone'), '+44 20 7946 0958');
    await user.click(screen.getByRole('button', { name: 'Book this slot' }));

    const pending = await screen.findByRole('button', { name: 'Booking…' });
    expect(pending).toBeDisabled();
    release();
    expect(await screen.findByRole('button', { name: 'Book this slot' })).toBeEnabled();
  });

  it('offers only free slots, each labelled with its time and state', async () => {
    await renderForm();
    const firstDay = screen.getByRole('group', { name: 'Tuesday, 5 March 2030' });
    expect(within(firstDay).getByRole('radio', { name: /09:00–10:00 Free/ })).toBeEnabled();
    expect(within(firstDay).getByRole('radio', { name: /10:00–11:00 Booked/ })).toBeDisabled();
  });

  it('clears a chosen slot from outside, moves focus to the notice, and flags no error', async () => {
    const notice = 'The 09:00–10:00 slot on Tue 5 Mar was just booked by someone else.';
    const onSlotChange = vi.fn();
    let someoneBooks = () => {};
    function LivePage() {
      const [taken, setTaken] = useState(false);
      const control = useRef<BookingFormControl>(null);
      // What a live update does, in its own task: clear the choice first, then re-render.
      someoneBooks = () => {
        control.current?.clearSlot();
        setTaken(true);
      };
      return (
        <BookingForm
          slots={SLOTS.map((slot, index) =>
            index === 0 && taken ? { ...slot, available: false } : slot,
          )}
          constraint={CONSTRAINT}
          timezone="UTC"
          day="2030-03-05"
          requestKey="request-key-1234"
          slotNotice={taken ? notice : undefined}
          onSlotChange={onSlotChange}
          controlRef={control}
        />
      );
    }
    renderRoute('/experts/abc', { Component: LivePage });
    await checksLoaded();
    const user = userEvent.setup();
    expect(screen.getByRole('status')).toBeEmptyDOMElement();
    await user.type(screen.getByLabelText('Name'), 'Ada Lovelace');

    // Chosen, and still focused, as after a click.
    const chosen = screen.getByRole('radio', { name: /09:00–10:00 Free/ });
    await user.click(chosen);
    expect(chosen).toHaveFocus();
    expect(onSlotChange).toHaveBeenCalledTimes(1);

    // The news comes from outside the form, while the radio has the focus.
    act(() => someoneBooks());
    const status = await screen.findByRole('status');
    expect(status).toHaveTextContent(notice);
    expect(status).toHaveFocus();
    expect(screen.getByRole('radio', { name: /09:00–10:00 Booked/ })).not.toBeChecked();
    expect(screen.queryByRole('radio', { checked: true })).not.toBeInTheDocument();
    // Leaving a field does not flag the emptied choice: the notice already asks for another.
    await user.click(screen.getByLabelText('Email'));
    await user.tab();
    expect(screen.queryByText(/Time slot is required/)).not.toBeInTheDocument();
    expect(screen.getByLabelText('Name')).toHaveValue('Ada Lovelace');

    await user.click(screen.getByRole('radio', { name: /14:00–15:00/ }));
    expect(onSlotChange).toHaveBeenCalledTimes(2);
  });

  it('posts back to the day it shows, so an error comes back on that day', () => {
    renderRoute('/experts/abc', {
      Component: () => (
        <BookingForm
          slots={SLOTS}
          constraint={CONSTRAINT}
          timezone="UTC"
          day="2030-03-06"
          requestKey="key-12345678"
        />
      ),
    });
    expect(screen.getByRole('form', { name: 'Book a session' })).toHaveAttribute(
      'action',
      '/experts/abc?day=2030-03-06',
    );
    expect(screen.getByRole('group', { name: 'Wednesday, 6 March 2030' })).toBeInTheDocument();
  });
});
