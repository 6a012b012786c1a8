// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';

import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { renderFormRoute, renderRoute, replyWithSchema } from '../../../test/support/route-stub';
import { NewExpertSchema } from '../../../shared/schemas/expert-profile';
import { ExpertProfileForm } from './expert-profile-form';
import { ExpertTable } from './expert-table';

function renderForm() {
  renderFormRoute(
    '/console/experts/new',
    (lastResult) => (
      <ExpertProfileForm
        timeZones={['Europe/Lisbon', 'UTC']}
        defaultValue={{ timezone: 'UTC' }}
        lastResult={lastResult}
        submitLabel="Add expert"
      />
    ),
    replyWithSchema(NewExpertSchema),
  );
}

describe('ExpertProfileForm', () => {
  it('shows each problem next to its field and in the summary, keeping what was typed', async () => {
    const user = userEvent.setup();
    renderForm();
    await user.type(await screen.findByLabelText('Name'), 'Li');
    await user.type(screen.getByLabelText('Experience (years)'), '3.5');
    await user.type(screen.getByLabelText('Bio'), 'Short');
    await user.click(screen.getByRole('button', { name: 'Add expert' }));

    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('3 things to fix');
    expect(within(summary).getByRole('link', { name: /Category must be one of/ })).toHaveAttribute(
      'href',
      '#expert-profile-category',
    );
    expect(screen.getByLabelText('Experience (years)')).toHaveAccessibleDescription(
      expect.stringContaining('Experience must be a whole number of years.'),
    );
    expect(screen.getByLabelText('Bio')).toHaveAccessibleDescription(
      'Bio must be at least 10 characters.',
    );
    expect(screen.getByLabelText('Name')).toHaveValue('Li');
    expect(screen.getByLabelText('Name')).not.toHaveAttribute('aria-invalid');
  });
});

describe('ExpertTable', () => {
  it('lists each expert with this week’s bookings in their own week, and links to their pages', () => {
    renderRoute('/console/experts', {
      Component: () => (
        <ExpertTable
          items={[
            {
              id: 'a1',
              name: 'Akira Tokyo',
              category: 'Design',
              rating: 4.8,
              timezone: 'Asia/Tokyo',
              week: { monday: '2030-03-04', sunday: '2030-03-10', bookings: 3 },
            },
          ]}
          pagination={{ page: 1, limit: 20, total: 1, totalPages: 1 }}
          query={{}}
        />
      ),
    });
    const row = screen.getByRole('row', { name: /Akira Tokyo/ });
    const cells = within(row)
      .getAllByRole('cell')
      .map((cell) => cell.textContent);
    expect(cells).toEqual(['Design', '4.8', '3Mon 4 Mar – Sun 10 Mar', 'AvailabilityPublic page']);
    expect(within(row).getByRole('link', { name: 'Akira Tokyo' })).toHaveAttribute(
      'href',
      '/console/experts/a1',
    );
    expect(within(row).getByRole('link', { name: 'Availability of Akira Tokyo' })).toHaveAttribute(
      'href',
      '/console/experts/a1/availability',
    );
  });
});
