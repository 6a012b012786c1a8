// @vitest-environment jsdom
import { render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { titleAfterForm, useErrorTitle } from './error-title';

type MetaArgs = Parameters<typeof titleAfterForm>[1];

function metaArgs(refusedForm: boolean, key: string): MetaArgs {
  return {
    matches: [
      { id: 'root', data: { refusedForm } },
      { id: 'routes/login', data: {} },
    ],
    location: { key },
  } as unknown as MetaArgs;
}

describe('titleAfterForm', () => {
  it('starts the title of the server’s answer to a refused form with "Error:"', () => {
    expect(titleAfterForm('Sign in · Expert Booking', metaArgs(true, 'default'))).toBe(
      'Error: Sign in · Expert Booking',
    );
  });

  it('leaves the title alone when the form went through, or there was none', () => {
    expect(titleAfterForm('Sign in · Expert Booking', metaArgs(false, 'default'))).toBe(
      'Sign in · Expert Booking',
    );
    expect(titleAfterForm('Sign in · Expert Booking', {})).toBe('Sign in · Expert Booking');
  });

  it('forgets the server’s mark once the browser has moved on without a load', () => {
    expect(titleAfterForm('Experts · Expert Booking', metaArgs(true, 'k3x9a'))).toBe(
      'Experts · Expert Booking',
    );
  });
});

function Refusal({ refused }: { refused: boolean }) {
  useErrorTitle(refused);
  return null;
}

describe('useErrorTitle', () => {
  beforeEach(() => {
    document.title = 'Sign in · Expert Booking';
  });
  afterEach(() => {
    document.title = '';
  });

  it('says "Error:" first while a refusal shows, and takes it back after', () => {
    const { rerender } = render(<Refusal refused={false} />);
    expect(document.title).toBe('Sign in · Expert Booking');
    rerender(<Refusal refused />);
    expect(document.title).toBe('Error: Sign in · Expert Booking');
    rerender(<Refusal refused={false} />);
    expect(document.title).toBe('Sign in · Expert Booking');
  });

  it('says "Error:" once for several refusals, until the last goes', () => {
    const { rerender } = render(
      <>
        <Refusal refused />
        <Refusal refused />
      </>,
    );
    expect(document.title).toBe('Error: Sign in · Expert Booking');
    rerender(
      <>
        <Refusal refused />
        <Refusal refused={false} />
      </>,
    );
    expect(document.title).toBe('Error: Sign in · Expert Booking');
    rerender(
      <>
        <Refusal refused={false} />
        <Refusal refused={false} />
      </>,
    );
    expect(document.title).toBe('Sign in · Expert Booking');
  });

  it('keeps the server’s "Error:" without doubling it, and takes it back when fixed', () => {
    document.title = 'Error: Sign in · Expert Booking';
    const { rerender } = render(<Refusal refused />);
    expect(document.title).toBe('Error: Sign in · Expert Booking');
    rerender(<Refusal refused={false} />);
    expect(document.title).toBe('Sign in · Expert Booking');
  });

  it('leaves the title of the page a navigation brought in its place', () => {
    const { unmount } = render(<Refusal refused />);
    document.title = 'Bookings · Console · Expert Booking';
    unmount();
    expect(document.title).toBe('Bookings · Console · Expert Booking');
  });
});
