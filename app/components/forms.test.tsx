// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';

import { render, screen } from '@testing-library/react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import { FormErrorSummary } from './forms';

const problems = {
  title: 'Please check the field marked below.',
  formErrors: ['This slot is already booked.'],
  fields: [
    { id: 'booking-form-email', label: 'Email', errors: ['Enter a valid email address'] },
    { id: 'booking-form-name', label: 'Name', errors: undefined },
  ],
};

describe('FormErrorSummary', () => {
  it('links each field’s error to its field, and lists the form’s own errors', () => {
    render(<FormErrorSummary {...problems} />);
    expect(
      screen.getByRole('link', { name: 'Email: Enter a valid email address' }),
    ).toHaveAttribute('href', '#booking-form-email');
    expect(screen.getAllByRole('link')).toHaveLength(1);
    expect(screen.getByText('This slot is already booked.')).toBeInTheDocument();
  });

  it('focuses itself on load when the server rendered it (no JavaScript)', () => {
    expect(renderToString(<FormErrorSummary {...problems} />)).toMatch(/^<div [^>]*autofocus=""/);
  });

  it('leaves focus alone as it appears: the focus hook moves it after a submit', () => {
    render(<FormErrorSummary {...problems} />);
    expect(document.body).toHaveFocus();
  });
});
