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

  it('takes focus as it appears', () => {
    render(<FormErrorSummary {...problems} />);
    expect(screen.getByText(problems.title).parentElement).toHaveFocus();
  });

  it('leaves focus on an invalid field the form already focused', () => {
    const { rerender } = render(<input aria-label="Email" aria-invalid="true" />);
    screen.getByLabelText('Email').focus();
    rerender(
      <>
        <input aria-label="Email" aria-invalid="true" />
        <FormErrorSummary {...problems} />
      </>,
    );
    expect(screen.getByLabelText('Email')).toHaveFocus();
  });

  it('keeps out of the way of a field being corrected', () => {
    const { rerender } = render(
      <>
        <input aria-label="Email" />
        <FormErrorSummary {...problems} />
      </>,
    );
    screen.getByLabelText('Email').focus();
    rerender(
      <>
        <input aria-label="Email" />
        <FormErrorSummary {...problems} formErrors={[]} />
      </>,
    );
    expect(screen.getByLabelText('Email')).toHaveFocus();
  });
});
