import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation, useSubmit } from '@remix-run/react';
import { useEffect, useRef } from 'react';

import { ExpertList } from '../components/expert-list';
import { SelectField, TextField } from '../components/forms';
import { announce } from '../components/live-announcer';
import { EXPERT_CATEGORIES } from '../../shared/schemas/expert-categories';
import { readDomainError } from '../utils/domain-error';
import { plural } from '../../shared/format';

const QUERY_KEYS = ['page', 'limit', 'search', 'category'] as const;
type QueryKey = (typeof QUERY_KEYS)[number];
type ListQuery = Partial<Record<QueryKey, string | string[]>>;

/** The list's state as the URL holds it; a repeated key stays a list so the service refuses it. */
function readQuery(params: URLSearchParams): ListQuery {
  const query: ListQuery = {};
  for (const key of QUERY_KEYS) {
    const values = params.getAll(key);
    if (values.length === 1) query[key] = values[0];
    else if (values.length > 1) query[key] = values;
  }
  return query;
}

function without(query: ListQuery, keys: string[]): ListQuery {
  return Object.fromEntries(Object.entries(query).filter(([key]) => !keys.includes(key)));
}

function asText(value: string | string[] | undefined): string {
  return typeof value === 'string' ? value : '';
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { experts } = context.services;
  let query = readQuery(new URL(request.url).searchParams);
  const notices: string[] = [];
  let result;
  try {
    result = await experts.list(query);
  } catch (error) {
    // A bad link (page=0, an unknown category) is not worth an error page: say what was wrong
    // and show the list without the parts we could not use.
    const failure = readDomainError(error);
    if (failure?.code !== 'VALIDATION_ERROR' || !failure.fields) throw error;
    notices.push(...Object.values(failure.fields).map((message) => `${message} We ignored it.`));
    query = without(query, Object.keys(failure.fields));
    result = await experts.list(query);
  }
  const { items, pagination } = result;
  if (items.length === 0 && pagination.total > 0) {
    notices.push(
      `There is no page ${pagination.page}: these results fill ${plural(pagination.totalPages, 'page')}.`,
    );
  }
  return json({
    experts: items,
    pagination,
    search: asText(query.search).trim(),
    category: asText(query.category),
    limit: typeof query.limit === 'string' ? query.limit : undefined,
    notices,
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: 'Experts · Expert Booking' }];
  const parts = [data.search ? `“${data.search}”` : '', data.category].filter(Boolean);
  const what = parts.length > 0 ? `Experts: ${parts.join(' in ')}` : 'Experts';
  const page = data.pagination.page > 1 ? ` (page ${data.pagination.page})` : '';
  return [{ title: `${what}${page} · Expert Booking` }];
};

/** Builds a list URL that keeps the current search and filter, without empty values. */
function listHref(state: { search: string; category: string; limit?: string }, page?: number) {
  const params = new URLSearchParams();
  if (state.search) params.set('search', state.search);
  if (state.category) params.set('category', state.category);
  if (state.limit) params.set('limit', state.limit);
  if (page && page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `/experts?${text}` : '/experts';
}

const SEARCH_DELAY_MS = 300;

function emptyMessage(search: string, category: string): string {
  const tips = 'Try a shorter part of the name, check the spelling, or choose another category.';
  if (search && category) return `Nobody in ${category} matches “${search}”. ${tips}`;
  if (search) return `Nobody matches “${search}”. ${tips}`;
  if (category) return `There are no experts in ${category} yet. Try another category.`;
  return 'There are no experts yet. Please come back soon.';
}

export default function ExpertsPage() {
  const { experts, pagination, search, category, limit, notices } = useLoaderData<typeof loader>();
  const submit = useSubmit();
  const navigation = useNavigation();
  const searchRef = useRef<HTMLInputElement>(null);
  const categoryRef = useRef<HTMLSelectElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const searching = navigation.state === 'loading' && navigation.location.pathname === '/experts';

  // Back/forward changes the URL under the form: show its search, unless the person is typing.
  useEffect(() => {
    const input = searchRef.current;
    if (input && document.activeElement !== input) input.value = search;
    if (categoryRef.current) categoryRef.current.value = category;
  }, [search, category]);
  useEffect(() => () => clearTimeout(timer.current), []);

  // The count of results is a live region of its own, but it goes with the list when nothing
  // matches: "none" is said from the page's region, which is always there.
  const nothingFound = pagination.total === 0;
  const shownNothing = useRef(nothingFound);
  useEffect(() => {
    if (nothingFound && !shownNothing.current) announce('No experts found.');
    shownNothing.current = nothingFound;
  }, [nothingFound]);

  /** A GET navigation with only the non-empty fields, so URLs stay short and shareable. */
  function submitSearch(form: HTMLFormElement, replace: boolean) {
    clearTimeout(timer.current);
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(form)) {
      if (typeof value === 'string' && value.trim()) params.set(key, value.trim());
    }
    submit(params, { method: 'get', action: '/experts', replace, preventScrollReset: true });
  }

  const hasFilters = Boolean(search || category);

  return (
    <div className="stack">
      <header className="page-header">
        <h1>Find an expert</h1>
        <p className="lead">Search by name or pick a field, then book a free slot.</p>
      </header>

      <Form
        method="get"
        action="/experts"
        role="search"
        aria-label="Experts"
        className="search-form card"
        onSubmit={(event) => {
          event.preventDefault();
          submitSearch(event.currentTarget, false);
        }}
      >
        <TextField
          className="search-form__search"
          label="Search by name"
          inputProps={{
            ref: searchRef,
            id: 'search',
            name: 'search',
            type: 'search',
            defaultValue: search,
            maxLength: 100,
            autoComplete: 'off',
            placeholder: 'e.g. Priya',
            onChange: (event) => {
              const form = event.currentTarget.form;
              clearTimeout(timer.current);
              if (form) timer.current = setTimeout(() => submitSearch(form, true), SEARCH_DELAY_MS);
            },
          }}
        />
        <SelectField
          className="search-form__category"
          label="Category"
          selectProps={{
            ref: categoryRef,
            id: 'category',
            name: 'category',
            defaultValue: category,
            onChange: (event) => {
              if (event.currentTarget.form) submitSearch(event.currentTarget.form, false);
            },
          }}
        >
          <option value="">All categories</option>
          {EXPERT_CATEGORIES.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </SelectField>
        {limit ? <input type="hidden" name="limit" value={limit} /> : null}
        <button type="submit" className="button button--primary search-form__submit">
          {searching ? 'Searching…' : 'Search'}
        </button>
      </Form>

      {notices.length > 0 ? (
        <div className="notice" role="status">
          <ul>
            {notices.map((notice) => (
              <li key={notice}>{notice}</li>
            ))}
          </ul>
          {experts.length === 0 && pagination.total > 0 ? (
            <p>
              <Link to={listHref({ search, category, limit }, pagination.totalPages)}>
                Go to the last page
              </Link>
            </p>
          ) : null}
        </div>
      ) : null}

      {pagination.total === 0 ? (
        <section className="empty-state card" aria-labelledby="empty-title">
          <h2 id="empty-title">No experts found</h2>
          <p>{emptyMessage(search, category)}</p>
          {hasFilters ? (
            <p>
              <Link to="/experts" className="button">
                Show all experts
              </Link>
            </p>
          ) : null}
        </section>
      ) : (
        <ExpertList
          experts={experts}
          pagination={pagination}
          hrefFor={(page) => listHref({ search, category, limit }, page)}
        />
      )}
    </div>
  );
}
