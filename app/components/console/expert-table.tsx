import { Form, Link } from '@remix-run/react';

import { EXPERT_CATEGORIES } from '../../../shared/schemas/expert-categories';
import type { Pagination } from '../../../shared/schemas/expert';
import { formatRating, formatShortDay, formatTimeZone } from '../../../shared/format';
import { PaginationNav, showingText } from '../expert-list';
import { SelectField, TextField } from '../forms';

export interface ExpertRow {
  id: string;
  name: string;
  category: string;
  rating: number | null;
  timezone: string;
  week: { monday: string; sunday: string; bookings: number };
}

export interface ExpertTableQuery {
  search?: string;
  category?: string;
}

function hrefFor(query: ExpertTableQuery, page: number): string {
  const search = new URLSearchParams();
  if (query.search) search.set('search', query.search);
  if (query.category) search.set('category', query.category);
  if (page > 1) search.set('page', String(page));
  const text = search.toString();
  return text ? `/console/experts?${text}` : '/console/experts';
}

/**
 * The admin's list of experts: the catalogue's order, a page at a time, with each expert's
 * bookings this week. "This week" is the expert's own Monday to Sunday in their zone: the week
 * they work, the same whoever reads it and wherever.
 */
export function ExpertTable({
  items,
  pagination,
  query,
}: {
  items: ExpertRow[];
  pagination: Pagination;
  query: ExpertTableQuery;
}) {
  return (
    <div className="stack">
      <Form method="get" className="search-form" role="search" aria-label="Experts">
        <TextField
          label="Name"
          inputProps={{
            id: 'expert-search',
            type: 'search',
            name: 'search',
            defaultValue: query.search,
            maxLength: 100,
          }}
        />
        <SelectField
          label="Category"
          selectProps={{
            id: 'expert-category',
            name: 'category',
            defaultValue: query.category ?? '',
          }}
        >
          <option value="">All categories</option>
          {EXPERT_CATEGORIES.map((category) => (
            <option key={category}>{category}</option>
          ))}
        </SelectField>
        <button type="submit" className="button">
          Filter
        </button>
      </Form>
      <p className="results__count" role="status">
        {showingText(pagination, items.length)}
      </p>
      {items.length === 0 ? (
        <p className="empty-note">No experts match.</p>
      ) : (
        <div className="table-scroll" role="region" aria-label="Experts">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Category</th>
                <th scope="col" className="data-table__number">
                  Rating
                </th>
                <th scope="col" className="data-table__number">
                  Bookings this week
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((expert) => (
                <tr key={expert.id}>
                  <th scope="row">
                    <Link to={`/console/experts/${expert.id}`}>{expert.name}</Link>
                    <span className="data-table__sub">{formatTimeZone(expert.timezone)}</span>
                  </th>
                  <td data-label="Category">{expert.category}</td>
                  <td className="data-table__number" data-label="Rating">
                    {expert.rating === null ? 'None yet' : formatRating(expert.rating)}
                  </td>
                  <td className="data-table__number" data-label="Bookings this week">
                    {expert.week.bookings}
                    <span className="data-table__sub">
                      {formatShortDay(expert.week.monday)} – {formatShortDay(expert.week.sunday)}
                    </span>
                  </td>
                  <td className="data-table__actions">
                    <Link
                      to={`/console/experts/${expert.id}/availability`}
                      aria-label={`Availability of ${expert.name}`}
                    >
                      Availability
                    </Link>
                    <Link to={`/experts/${expert.id}`} aria-label={`Public page of ${expert.name}`}>
                      Public page
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <PaginationNav pagination={pagination} hrefFor={(page) => hrefFor(query, page)} />
    </div>
  );
}
