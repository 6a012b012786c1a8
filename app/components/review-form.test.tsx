// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';

import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { renderFormRoute, replyWithSchema } from '../../test/support/route-stub';
import { ReviewInputSchema } from '../../shared/schemas/review';
import { ReviewForm } from './review-form';

function renderForm() {
  renderFormRoute(
    '/bookings/b1',
    (lastResult) => (
      <ReviewForm
        action="/bookings/b1"
        token={'t'.repeat(32)}
        expertName="Grace Hopper"
        lastResult={lastResult}
      />
    ),
    replyWithSchema(ReviewInputSchema),
  );
}

describe('ReviewForm', () => {
  it('offers five ratings, each with its word, in a group named Rating, all required', async () => {
    renderForm();
    const group = await screen.findByRole('group', { name: 'Rating' });
    const radios = within(group).getAllByRole('radio');
    expect(radios.map((radio) => radio.getAttribute('value'))).toEqual(['5', '4', '3', '2', '1']);
    expect(within(group).getByLabelText('5 of 5 – Excellent')).toBeRequired();
    expect(screen.getByLabelText('Comment (optional)')).toHaveAttribute('maxlength', '1000');
  });

  it('names the missing rating in a summary and next to the group, keeping the comment', async () => {
    const user = userEvent.setup();
    renderForm();
    const comment = await screen.findByLabelText('Comment (optional)');
    await user.type(comment, 'Kind and clear.');
    // As a browser without the constraint checks would send it.
    for (const radio of screen.getAllByRole('radio')) radio.removeAttribute('required');
    await user.click(screen.getByRole('button', { name: 'Publish my review' }));

    const summary = await screen.findByText('Your review was not published');
    expect(summary.parentElement).toHaveTextContent('Rating: Rating is required.');
    expect(screen.getByRole('group', { name: 'Rating' })).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('group', { name: 'Rating' })).toHaveAccessibleDescription(
      'Rating is required.',
    );
    expect(screen.getByLabelText('Comment (optional)')).toHaveValue('Kind and clear.');
  });
});
