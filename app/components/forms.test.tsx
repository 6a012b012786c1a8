// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';

import { render, screen } from '@testing-library/react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import { DateField, FormErrorSummary, NumberField, SelectField, TimeField } from './forms';

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

describe('field components', () => {
  it('tie a select to its label, its hint and its errors', () => {
    render(
      <SelectField
        label="Time zone"
        hint="Where the hours are."
        errors={['Choose a zone.']}
        selectProps={{ id: 'zone', name: 'timezone', defaultValue: '' }}
      >
        <option value="">None</option>
      </SelectField>,
    );
    const select = screen.getByRole('combobox', { name: 'Time zone' });
    expect(select).toHaveAttribute('aria-invalid', 'true');
    expect(select).toHaveAccessibleDescription('Where the hours are. Choose a zone.');
  });

  it('give numbers and dates their input type, and no aria-invalid while they are valid', () => {
    render(
      <>
        <NumberField label="Horizon" inputProps={{ id: 'horizon', min: 1 }} />
        <DateField label="From" inputProps={{ id: 'from', className: 'override__date' }} />
      </>,
    );
    expect(screen.getByLabelText('Horizon')).toHaveAttribute('type', 'number');
    expect(screen.getByLabelText('Horizon')).not.toHaveAttribute('aria-invalid');
    expect(screen.getByLabelText('From')).toHaveAttribute('type', 'date');
    expect(screen.getByLabelText('From')).toHaveClass('input', 'override__date');
  });

  it('read a time field by its label and describe it by its row’s messages', () => {
    render(
      <>
        <TimeField
          label="Monday, hours 1: from"
          errors={['Use HH:MM.']}
          describedBy="row-error"
          inputProps={{ id: 'start', defaultValue: '9' }}
        />
        <p id="row-error">Use HH:MM.</p>
      </>,
    );
    const time = screen.getByLabelText('Monday, hours 1: from');
    expect(time).toHaveAttribute('aria-invalid', 'true');
    expect(time).toHaveAccessibleDescription('Use HH:MM.');
    expect(time).toBeRequired();
  });
});
