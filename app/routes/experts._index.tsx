import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation, useSubmit } from '@remix-run/react';
import { useEffect, useRef } from 'react';

import { ExpertList } from '../components/expert-list';
import { DateField, Options, SelectField, TextField } from '../components/forms';
import { announce } from '../components/live-announcer';
import { NoticeList } from '../components/notice-list';
import { ViewerZoneField } from '../components/viewer-zone-select';
import { EXPERT_CATEGORIES } from '../../shared/schemas/expert-categories';
import { PARTS_OF_DAY, type PartOfDay } from '../../shared/schemas/expert';
import { viewerTimeZone } from '../../shared/time/viewer-time';
import { readDomainError } from '../utils/domain-error';
import { useHydrated } from '../utils/use-hydrated';
import { quoted } from '../utils/quoted';
import { readQuery, withoutKeys } from '../utils/url-query';
import { readViewerZone } from '../utils/viewer-zone.server';
import { formatShortDay, plural } from '../../shared/format';

/** The list's state as the URL holds it. */
const QUERY_KEYS = ['page', 'limit', 'search', 'category', 'availableOn', 'part', 'sort'] as const;

/** The orders a person can choose on the page (the API also takes `rating`, the default). */
const PAGE_SORTS = [
  { value: '', label: 'Best rated' },
  { value: 'nextAvailable', label: 'Soonest free' },
  { value: 'experience', label: 'Most experienced' },
] as const;

const PART_CHOICES = Object.entries(PARTS_OF_DAY).map(([value, { label }]) => ({ value, label }));

function isPart(value: string): value is PartOfDay {
  return Object.hasOwn(PARTS_OF_DAY, value);
}

function asText(value: string | string[] | undefined): string {
  return typeof value === 'string' ? value : '';
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { experts } = context.services;
  let query = readQuery(new URL(request.url).searchParams, QUERY_KEYS);
  // The day asked about is the viewer's, in their zone as the expert page knows it.
  const viewer = await readViewerZone(request);
  const notices: string[] = [];
  let result;
  try {
    result = await experts.list({ ...query, tz: viewer.zone });
  } catch (error) {
    // A bad link (page=0, an unknown category) is not worth an error page: say what was wrong
    // and show the list without the parts we could not use.
    const failure = readDomainError(error);
    if (failure?.code !== 'VALIDATION_ERROR' || !failure.fields) throw error;
    notices.push(...Object.values(failure.fields).map((message) => `${message} We ignored it.`));
    const refused = Object.keys(failure.fields);
    // A refused day takes its time of day with it: a part of the day means nothing without one.
    query = withoutKeys(query, refused.includes('availableOn') ? [...refused, 'part'] : refused);
    result = await experts.list({ ...query, tz: viewer.zone });
  }
  const { items, pagination } = result;
  if (items.length === 0 && pagination.total > 0) {
    notices.push(
      `There is no page ${pagination.page}: these results fill ${plural(pagination.totalPages, 'page')}.`,
    );
  }
  const part = asText(query.part);
  return json(
    {
      experts: items,
      pagination,
      search: asText(query.search).trim(),
      category: asText(query.category),
      availableOn: asText(query.availableOn),
      part: isPart(part) ? part : '',
      sort: asText(query.sort),
      limit: typeof query.limit === 'string' ? query.limit : undefined,
      viewerZone: viewer.zone,
      notices,
    },
    viewer.setCookie ? { headers: { 'Set-Cookie': viewer.setCookie } } : undefined,
  );
}

/** "free on Sat 12 Dec in the evening", or nothing without a day. */
function freeWhen(availableOn: string, part: string): string {
  if (!availableOn) return '';
  return `free on ${formatShortDay(availableOn)}${isPart(part) ? ` in the ${part}` : ''}`;
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: 'Experts · Expert Booking' }];
  const parts = [data.search ? quoted(data.search) : '', data.category].filter(Boolean);
  const when = freeWhen(data.availableOn, data.part);
  const named = [parts.join(' in '), when].filter(Boolean).join(', ');
  const what = named ? `Experts: ${named}` : 'Experts';
  const page = data.pagination.page > 1 ? ` (page ${data.pagination.page})` : '';
  return [{ title: `${what}${page} · Expert Booking` }];
};

interface ListState {
  search: string;
  category: string;
  availableOn: string;
  part: string;
  sort: string;
  limit?: string;
}

/** Builds a list URL that keeps the current search and filters, without empty values. */
function listHref(state: ListState, page?: number) {
  const params = new URLSearchParams();
  for (const key of ['search', 'category', 'availableOn', 'part', 'sort', 'limit'] as const) {
    const value = state[key];
    if (value) params.set(key, value);
  }
  if (page && page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `/experts?${text}` : '/experts';
}

const SEARCH_DELAY_MS = 300;

function emptyMessage(search: string, category: string, when: string): string {
  if (when) {
    const who = [search ? `matching ${quoted(search)}` : '', category ? `in ${category}` : '']
      .filter(Boolean)
      .join(' ');
    return `Nobody${who ? ` ${who}` : ''} is ${when}. Try another day or time of day.`;
  }
  const tips = 'Try a shorter part of the name, check the spelling, or choose another category.';
  if (search && category) return `Nobody in ${category} matches ${quoted(search)}. ${tips}`;
  if (search) return `Nobody matches ${quoted(search)}. ${tips}`;
  if (category) return `There are no experts in ${category} yet. Try another category.`;
  return 'There are no experts yet. Please come back soon.';
}

export default function ExpertsPage() {
  const data = useLoaderData<typeof loader>();
  const { experts, pagination, search, category, availableOn, part, sort, limit, notices } = data;
  const hydrated = useHydrated();
  const submit = useSubmit();
  const navigation = useNavigation();
  const searchRef = useRef<HTMLInputElement>(null);
  const categoryRef = useRef<HTMLSelectElement>(null);
  const dayRef = useRef<HTMLInputElement>(null);
  const partRef = useRef<HTMLSelectElement>(null);
  const sortRef = useRef<HTMLSelectElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const searching = navigation.state === 'loading' && navigation.location.pathname === '/experts';

  // Back/forward changes the URL under the form: show its search, unless the person is typing.
  useEffect(() => {
    const input = searchRef.current;
    if (input && document.activeElement !== input) input.value = search;
    if (categoryRef.current) categoryRef.current.value = category;
    if (dayRef.current) dayRef.current.value = availableOn;
    if (partRef.current) partRef.current.value = part;
    if (sortRef.current) sortRef.current.value = sort;
  }, [search, category, availableOn, part, sort]);
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
    // The zone matters only to a day; without one it would only lengthen the address.
    if (!params.has('availableOn')) params.delete('tz');
    submit(params, { method: 'get', action: '/experts', replace, preventScrollReset: true });
  }

  const hasFilters = Boolean(search || category || availableOn);
  const when = freeWhen(availableOn, part);
  const state = { search, category, availableOn, part, sort, limit };
  const submitOnChange = (event: { currentTarget: HTMLSelectElement }) => {
    if (event.currentTarget.form) submitSearch(event.currentTarget.form, false);
  };

  return (
    <div className="stack">
      <header className="page-header">
        <h1>Find an expert</h1>
        <p className="lead">
          Search by name, pick a field or a day you are free, then book a free slot.
        </p>
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
          <Options placeholder="All categories" choices={EXPERT_CATEGORIES} />
        </SelectField>
        <DateField
          className="search-form__day"
          label="Free on"
          hint="Days and times in your time zone."
          inputProps={{
            ref: dayRef,
            id: 'availableOn',
            name: 'availableOn',
            defaultValue: availableOn,
          }}
        />
        <SelectField
          className="search-form__part"
          label="Time of day"
          selectProps={{
            ref: partRef,
            id: 'part',
            name: 'part',
            defaultValue: part,
            onChange: submitOnChange,
          }}
        >
          <Options placeholder="Any time" choices={PART_CHOICES} />
        </SelectField>
        <SelectField
          className="search-form__sort"
          label="Sort by"
          selectProps={{
            ref: sortRef,
            id: 'sort',
            name: 'sort',
            defaultValue: sort,
            onChange: submitOnChange,
          }}
        >
          <Options choices={PAGE_SORTS} />
        </SelectField>
        {hydrated ? (
          <input type="hidden" name="tz" value={viewerTimeZone()} />
        ) : (
          <ViewerZoneField
            zone={data.viewerZone}
            className="field search-form__zone"
            labelClassName="field__label"
          />
        )}
        {limit ? <input type="hidden" name="limit" value={limit} /> : null}
        <button type="submit" className="button button--primary search-form__submit">
          {searching ? 'Searching…' : 'Search'}
        </button>
      </Form>

      <NoticeList notices={notices} role="status">
        {experts.length === 0 && pagination.total > 0 ? (
          <p>
            <Link to={listHref(state, pagination.totalPages)}>Go to the last page</Link>
          </p>
        ) : null}
      </NoticeList>

      {pagination.total === 0 ? (
        <section className="empty-state card" aria-labelledby="empty-title">
          <h2 id="empty-title">No experts found</h2>
          <p>{emptyMessage(search, category, when)}</p>
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
          hrefFor={(page) => listHref(state, page)}
        />
      )}
    </div>
  );
}
