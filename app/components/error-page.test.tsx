// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';

import { createRemixStub } from '@remix-run/testing';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { FORM_EXPIRED } from '../../shared/form-expired';
import { ErrorPage } from './error-page';

function renderFailingRoute(loader: () => never) {
  const Stub = createRemixStub([
    {
      path: '/experts/:id',
      Component: () => <p>never shown</p>,
      ErrorBoundary: () => <ErrorPage notFoundText="We could not find that expert." />,
      loader,
    },
  ]);
  render(<Stub initialEntries={['/experts/abc']} />);
}

interface ErrorCase {
  status: number;
  body: string;
  heading: string;
  /** Text the page shows. */
  says: string;
  wayBack: { name: string; href: string };
  /** Text the page must not show. */
  never?: string;
}

describe('ErrorPage', () => {
  it.each<[string, ErrorCase]>([
    [
      'turns a 404 into a friendly page that says what was not found',
      {
        status: 404,
        body: 'Not found',
        heading: 'Page not found',
        says: 'We could not find that expert.',
        wayBack: { name: 'Browse experts', href: '/experts' },
      },
    ],
    [
      'tells a signed-in person without the role that the page is not theirs, and the way back',
      {
        status: 403,
        body: 'You do not have access to this page.',
        heading: 'Not allowed',
        says: '403',
        wayBack: { name: 'Back to the console', href: '/console' },
      },
    ],
    [
      'tells a person whose form belongs to an earlier sign-in to reload, not to ask an admin',
      {
        status: 403,
        body: FORM_EXPIRED,
        heading: 'This form has expired',
        says: FORM_EXPIRED,
        wayBack: { name: 'Reload the page', href: '/experts/abc' },
        never: 'administrator',
      },
    ],
    [
      "says a 400's own sentence, which the route wrote for the person",
      {
        status: 400,
        body: 'That week does not exist: Week must be a date (YYYY-MM-DD).',
        heading: 'We could not do that',
        says: 'That week does not exist: Week must be a date (YYYY-MM-DD).',
        wayBack: { name: 'Back to the experts', href: '/experts' },
      },
    ],
    [
      'says a page is not a form on a 405, never what Remix told the developer',
      {
        status: 405,
        body: 'You made a POST request to "/experts" but did not provide an `action`',
        heading: 'Nothing to send here',
        says: '405',
        wayBack: { name: 'Back to the experts', href: '/experts' },
        never: 'action',
      },
    ],
  ])('%s', async (_, { status, body, heading, says, wayBack, never }) => {
    renderFailingRoute(() => {
      throw new Response(body, { status });
    });
    expect(await screen.findByRole('heading', { name: heading })).toBeInTheDocument();
    expect(screen.getByText(says)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: wayBack.name })).toHaveAttribute('href', wayBack.href);
    if (never) expect(document.body).not.toHaveTextContent(never);
  });

  it('turns an unexpected failure into an apology, never its message or stack', async () => {
    renderFailingRoute(() => {
      throw new Error('connection refused at db.internal:27017');
    });
    expect(
      await screen.findByRole('heading', { name: 'Something went wrong' }),
    ).toBeInTheDocument();
    expect(screen.getByText(/Please try again in a moment/)).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent('connection refused');
    expect(document.body).not.toHaveTextContent('db.internal');
  });

  it('turns a 503 into a page that asks to try again and where to find a booking that was made', async () => {
    renderFailingRoute(() => {
      throw new Response('The database is not answering right now.', { status: 503 });
    });
    expect(await screen.findByRole('heading', { name: 'Back in a moment' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'look it up under your email' })).toHaveAttribute(
      'href',
      '/bookings',
    );
    expect(screen.getByRole('link', { name: 'Try again' })).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent('database');
  });
});
