// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';

import { redirect } from '@remix-run/node';
import { Form, Link, Outlet, useActionData, useNavigate, useSearchParams } from '@remix-run/react';
import { createRemixStub } from '@remix-run/testing';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';

import {
  findFocusTarget,
  focusAfter,
  focusTarget,
  useFocusAfterNavigation,
} from './focus-after-navigation';

function Layout() {
  useFocusAfterNavigation();
  return (
    <main id="main" tabIndex={-1}>
      <Outlet />
    </main>
  );
}

function Booking() {
  const done = useActionData<string>();
  const navigate = useNavigate();
  return (
    <>
      <h1 {...focusTarget()}>{done === 'cancel' ? 'This booking is cancelled' : 'Booked'}</h1>
      <Link to="/list">Back to the list</Link>
      <button type="button" onClick={() => navigate(-1)}>
        Back
      </button>
      {done === 'cancel' ? null : (
        <Form method="post">
          <button type="submit" name="intent" value="check">
            Check
          </button>
          <button type="submit" name="intent" value="cancel">
            Cancel booking
          </button>
        </Form>
      )}
    </>
  );
}

/** A form started afresh after each save (keyed by it), as the console's editors are. */
function SavedForm() {
  const [params] = useSearchParams();
  return (
    <>
      <h1>Your availability</h1>
      <Form method="post" key={params.get('saved') ?? 'stored'}>
        <label>
          Minimum notice <input id="notice" name="notice" defaultValue="30" />
        </label>
        <button type="submit">Save</button>
      </Form>
    </>
  );
}

let saves = 0;

function renderApp(initial: string) {
  const Stub = createRemixStub([
    {
      path: '/',
      Component: Layout,
      children: [
        {
          path: 'list',
          Component: () => (
            <>
              <h1>Find an expert</h1>
              <Link to="/list?day=2">Tuesday</Link>
              <h2 id="results-title">Experts</h2>
              <Link to="/list?page=2" state={focusAfter('results-title')}>
                Next
              </Link>
              <Link to="/booking">A booking</Link>
            </>
          ),
        },
        {
          path: 'booking',
          Component: Booking,
          action: async ({ request }) => (await request.formData()).get('intent'),
        },
        {
          path: 'saved',
          Component: SavedForm,
          action: () => {
            saves += 1;
            return redirect(`/saved?saved=${saves}`);
          },
        },
        {
          path: 'step',
          Component: () => (
            <>
              <h1 {...focusTarget()}>Your session is booked</h1>
              <h2 {...focusTarget()}>Cancel this booking?</h2>
            </>
          ),
        },
      ],
    },
  ]);
  return render(<Stub initialEntries={[initial]} />);
}

describe('useFocusAfterNavigation', () => {
  it('leaves focus alone on the first page load', async () => {
    renderApp('/booking');
    await screen.findByRole('heading', { name: 'Booked' });
    expect(document.body).toHaveFocus();
  });

  it('moves focus to the focus target of a new page', async () => {
    const user = userEvent.setup();
    renderApp('/list');
    await user.click(await screen.findByRole('link', { name: 'A booking' }));
    expect(await screen.findByRole('heading', { name: 'Booked' })).toHaveFocus();
  });

  it('moves focus where a link asked, even though the link stays', async () => {
    const user = userEvent.setup();
    renderApp('/list');
    await user.click(await screen.findByRole('link', { name: 'Next' }));
    expect(screen.getByRole('heading', { name: 'Experts' })).toHaveFocus();
  });

  it('keeps focus on a link that changed only part of the same page', async () => {
    const user = userEvent.setup();
    renderApp('/list');
    const day = await screen.findByRole('link', { name: 'Tuesday' });
    await user.click(day);
    expect(day).toHaveFocus();
  });

  it('keeps focus on a button whose answer left it in place', async () => {
    const user = userEvent.setup();
    renderApp('/booking');
    await user.click(await screen.findByRole('button', { name: 'Check' }));
    await screen.findByRole('heading', { name: 'Booked' });
    expect(screen.getByRole('button', { name: 'Check' })).toHaveFocus();
  });

  it('moves focus to the message that replaced the form', async () => {
    const user = userEvent.setup();
    renderApp('/booking');
    await user.click(await screen.findByRole('button', { name: 'Cancel booking' }));
    expect(await screen.findByRole('heading', { name: 'This booking is cancelled' })).toHaveFocus();
  });
});

describe('useFocusAfterNavigation after a save that draws the form afresh', () => {
  it('keeps focus on the field Enter was pressed in, drawn anew with the same id', async () => {
    const user = userEvent.setup();
    renderApp('/saved');
    const field = await screen.findByLabelText('Minimum notice');
    await user.click(field);
    await user.keyboard('{Enter}');
    await vi.waitFor(() => expect(screen.getByLabelText('Minimum notice')).not.toBe(field));
    // Focus follows in an effect after the new form is drawn, which a busy machine may delay.
    await vi.waitFor(() => expect(screen.getByLabelText('Minimum notice')).toHaveFocus());
  });

  it('moves focus to the page’s target when the control had no id to find it by', async () => {
    const user = userEvent.setup();
    renderApp('/saved');
    const button = await screen.findByRole('button', { name: 'Save' });
    await user.click(button);
    await vi.waitFor(() => expect(screen.getByRole('button', { name: 'Save' })).not.toBe(button));
    // As above: the effect that moves focus may come a moment after the new form is drawn.
    await vi.waitFor(() =>
      expect(screen.getByRole('heading', { name: 'Your availability' })).toHaveFocus(),
    );
  });
});

describe('useFocusAfterNavigation after Back', () => {
  it('focuses the page’s target without scrolling it away from where Back put it', async () => {
    const user = userEvent.setup();
    renderApp('/list');
    await user.click(await screen.findByRole('link', { name: 'A booking' }));
    const focus = vi.spyOn(HTMLElement.prototype, 'focus');
    await user.click(await screen.findByRole('button', { name: 'Back' }));
    const heading = await screen.findByRole('heading', { name: 'Find an expert' });
    expect(heading).toHaveFocus();
    expect(focus).toHaveBeenLastCalledWith({ preventScroll: true });
    focus.mockRestore();
  });
});

describe('findFocusTarget', () => {
  it('prefers the last marked element: a step below the page’s heading', async () => {
    renderApp('/step');
    await screen.findByRole('heading', { name: 'Cancel this booking?' });
    expect(findFocusTarget()).toBe(screen.getByRole('heading', { name: 'Cancel this booking?' }));
  });

  it('falls back on the main heading, made focusable by script only', async () => {
    const user = userEvent.setup();
    renderApp('/booking');
    await user.click(await screen.findByRole('link', { name: 'Back to the list' }));
    const heading = await screen.findByRole('heading', { name: 'Find an expert' });
    expect(heading).toHaveFocus();
    expect(heading).toHaveAttribute('tabindex', '-1');
  });
});

describe('focusTarget', () => {
  it('is focused on load without JavaScript only when asked', () => {
    expect(renderToString(<div {...focusTarget({ autoFocus: true })}>Fix this</div>)).toBe(
      '<div tabindex="-1" data-focus-target="" autofocus="">Fix this</div>',
    );
    expect(renderToString(<h1 {...focusTarget()}>Booked</h1>)).toBe(
      '<h1 tabindex="-1" data-focus-target="">Booked</h1>',
    );
  });
});
