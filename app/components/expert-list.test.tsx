// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';

import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { renderRoute } from '../../test/support/route-stub';
import type { ExpertSummary, Pagination } from '../../shared/schemas/expert';
import { ExpertList, pageWindow, showingText } from './expert-list';

function expert(index: number, overrides: Partial<ExpertSummary> = {}): ExpertSummary {
  return {
    id: index.toString(16).padStart(24, '0'),
    name: `Expert ${index}`,
    category: 'Design',
    experience: index,
    rating: 4.5,
    reviewCount: 3,
    timezone: 'Europe/Berlin',
    nextAvailableSlot: {
      date: '2030-03-05',
      timeSlot: '09:00-10:00',
      startsAt: '2030-03-05T08:00:00.000Z',
    },
    ...overrides,
  };
}

function renderList(experts: ExpertSummary[], pagination: Pagination) {
  renderRoute('/experts', {
    Component: () => (
      <ExpertList
        experts={experts}
        pagination={pagination}
        hrefFor={(page) => `/experts?category=Design&page=${page}`}
      />
    ),
  });
}

describe('showingText', () => {
  it('says which part of the whole list is in view', () => {
    expect(showingText({ page: 2, limit: 10, total: 57, totalPages: 6 }, 10)).toBe(
      'Showing 11–20 of 57',
    );
    expect(showingText({ page: 6, limit: 10, total: 57, totalPages: 6 }, 7)).toBe(
      'Showing 51–57 of 57',
    );
    expect(showingText({ page: 1, limit: 10, total: 0, totalPages: 0 }, 0)).toBe('Showing 0 of 0');
  });
});

describe('pageWindow', () => {
  it('lists every page when there are few, and gaps around the current one otherwise', () => {
    expect(pageWindow(2, 6)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(pageWindow(1, 20)).toEqual([1, 2, null, 20]);
    expect(pageWindow(10, 20)).toEqual([1, null, 9, 10, 11, null, 20]);
    expect(pageWindow(20, 20)).toEqual([1, null, 19, 20]);
  });
});

describe('ExpertList', () => {
  it('shows a card per expert with name, category, experience, rating (or none) and next free slot', () => {
    const experts = [
      expert(1, { name: 'Ada Lovelace', experience: 1, rating: 4.8 }),
      expert(2, { name: 'Grace Hopper', nextAvailableSlot: null, rating: null, reviewCount: 0 }),
    ];
    renderList(experts, { page: 1, limit: 10, total: 2, totalPages: 1 });

    const cards = screen.getAllByRole('article');
    expect(cards).toHaveLength(2);
    const ada = within(cards[0]!);
    expect(ada.getByRole('link', { name: 'Ada Lovelace' })).toHaveAttribute(
      'href',
      `/experts/${experts[0]!.id}`,
    );
    expect(cards[0]).toHaveTextContent('Design');
    expect(cards[0]).toHaveTextContent('Experience1 year');
    expect(cards[0]).toHaveTextContent('4.8 out of 5 (3 reviews)');
    expect(cards[1]).toHaveTextContent('RatingNo reviews yet');
    expect(cards[0]).toHaveTextContent('Next free slotTue 5 Mar, 09:00–10:00 (Europe/Berlin)');
    expect(cards[1]).toHaveTextContent('No free slots in the coming days');
    // One page only: no pagination to offer.
    expect(screen.queryByRole('navigation', { name: 'Pagination' })).not.toBeInTheDocument();
  });

  it('paginates with numbered links, previous and next, and says what is shown', () => {
    const experts = Array.from({ length: 10 }, (_, index) => expert(index + 11));
    renderList(experts, { page: 2, limit: 10, total: 57, totalPages: 6 });

    expect(screen.getByRole('status')).toHaveTextContent('Showing 11–20 of 57');
    const nav = within(screen.getByRole('navigation', { name: 'Pagination' }));
    expect(nav.getAllByRole('link', { name: /^Page \d$/ }).map((link) => link.textContent)).toEqual(
      ['1', '2', '3', '4', '5', '6'],
    );
    expect(nav.getByRole('link', { name: 'Page 2' })).toHaveAttribute('aria-current', 'page');
    expect(nav.getByRole('link', { name: 'Page 3' })).not.toHaveAttribute('aria-current');
    expect(nav.getByRole('link', { name: /Previous/ })).toHaveAttribute(
      'href',
      '/experts?category=Design&page=1',
    );
    expect(nav.getByRole('link', { name: /Next/ })).toHaveAttribute(
      'href',
      '/experts?category=Design&page=3',
    );
  });

  it('does not link past either end', () => {
    renderList([expert(1)], { page: 1, limit: 1, total: 3, totalPages: 3 });
    const nav = within(screen.getByRole('navigation', { name: 'Pagination' }));
    expect(nav.queryByRole('link', { name: /Previous/ })).not.toBeInTheDocument();
    expect(nav.getByText(/Previous/)).toHaveAttribute('aria-disabled', 'true');
    expect(nav.getByRole('link', { name: /Next/ })).toBeInTheDocument();
  });
});
