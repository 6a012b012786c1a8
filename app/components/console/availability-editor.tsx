import {
  getFormProps,
  useForm,
  type FieldMetadata,
  type FormMetadata,
  type SubmissionResult,
} from '@conform-to/react';
import { Form } from '@remix-run/react';
import { useEffect, useRef, useState, type ReactNode } from 'react';

import { AVAILABILITY_LIMITS, type Availability, type Interval } from '../../schemas/availability';
import { SESSION_MINUTES, WEEKDAYS } from '../../schemas/availability-options';
import type { Slot } from '../../schemas/expert';
import type { UnavailableReason } from '../../schemas/slot-reasons';
import { formatDay, formatShortDay, formatTimeSlot, formatTimeZone } from '../../utils/format';
import { groupSlotsByDay } from '../../utils/slot-days';
import { groupTimeZones } from '../../utils/time-zones';
import { TimeZoneOptions } from '../time-zone-options';
import { useIsPending } from '../../utils/use-is-pending';
import { useHydrated } from '../../utils/use-hydrated';
import { useLoadedAfterHydration } from '../../utils/use-loaded-after-hydration';
import { announce } from '../live-announcer';
import { CsrfField } from '../csrf-field';
import { ErrorList } from '../forms';
import { ErrorSummary, type SummaryError } from './error-summary';
import { useDraftPreview } from './use-draft-preview';

export const AVAILABILITY_FORM_ID = 'availability';

/** What a save says, shown above the form and announced by the page. */
export const SAVED_NOTICE = 'Saved. The public page offers the new slots now.';

/** Why a previewed slot cannot be booked, in a word or two. */
const REASON_TEXT: Record<UnavailableReason, string> = {
  booked: 'booked',
  day_full: 'day full',
  past: 'past',
  too_soon: 'too soon',
};

/** What the add buttons put in: a plain working block, easy to adjust. */
const NEW_INTERVAL: Interval = { start: '09:00', end: '17:00' };

/** The preview of one session length: the next days' slots of that length. */
export interface LengthPreview {
  sessionMinutes: number;
  slots: Slot[];
}

export interface AvailabilityEditorProps {
  expert: { id: string; name: string; timezone: string };
  availability: Availability;
  /** The next days' slots of each length the rules offer, the default first. */
  preview: LengthPreview[];
  outsideRules: { date: string; timeSlot: string }[];
  /** Every IANA zone the server knows, so the select is the same on both sides. */
  timeZones: string[];
  lastResult?: SubmissionResult<string[]> | null;
  /** When the rules were just saved (the page after the redirect), that save's mark. */
  savedAt: string | null;
  /** Where the preview of rules being edited is asked for (with JavaScript). */
  previewPath: string;
  heading: string;
}

type AvailabilityForm = FormMetadata<Availability, string[]>;

/** The list change (Add, Remove) the server just answered, when the page came back with it. */
type ListIntent = NonNullable<SubmissionResult<string[]>['intent']>;

/**
 * Without JavaScript an Add or Remove is a new page, which starts at its top; what takes focus
 * as it loads instead: the added block's first field, or the block that took the removed one's
 * place (else the list's Add button).
 */
function focusOnLoad(
  reloadedAfter: ListIntent | null,
  listName: string,
  length: number,
): number | 'add' | null {
  if (!reloadedAfter || !('name' in reloadedAfter.payload)) return null;
  const { type, payload } = reloadedAfter;
  if (payload.name !== listName) return null;
  const index = 'index' in payload && typeof payload.index === 'number' ? payload.index : null;
  if (type === 'insert') return index ?? length - 1;
  if (type === 'remove') return index !== null && index < length ? index : 'add';
  return null;
}

const loadValidation = () =>
  import('./availability-validation').then(({ validateAvailability }) => validateAvailability);

/** Ids are Conform's (`form-name`): the summary links to the same element a field is. */
function fieldId(name: string): string {
  return name ? `${AVAILABILITY_FORM_ID}-${name}` : AVAILABILITY_FORM_ID;
}

function summaryOf(form: AvailabilityForm): SummaryError[] {
  return Object.entries(form.allErrors).flatMap(([name, messages]) =>
    messages.map((message) => ({ fieldId: fieldId(name), message })),
  );
}

function capitalised(day: string): string {
  return day[0]!.toUpperCase() + day.slice(1);
}

function invalid(errors: string[] | undefined) {
  return errors?.length ? true : undefined;
}

function TimeInput({
  field,
  label,
  errorId,
  takesFocus = false,
}: {
  field: FieldMetadata<string>;
  label: string;
  /** The block's one list of messages (its own and both times'), while it has any. */
  errorId: string | undefined;
  /** On a page without JavaScript that a change of this block reloaded. */
  takesFocus?: boolean;
}) {
  return (
    <label className="interval__time">
      <span className="visually-hidden">{label}</span>
      <input
        className="input"
        id={field.id}
        name={field.name}
        key={field.key}
        defaultValue={field.initialValue}
        inputMode="numeric"
        placeholder="09:00"
        pattern="([01]\d|2[0-3]):[0-5]\d|24:00"
        size={5}
        required
        aria-invalid={invalid(field.errors)}
        aria-describedby={errorId}
        // eslint-disable-next-line jsx-a11y/no-autofocus -- where the person was, on the page their Add or Remove reloaded
        autoFocus={takesFocus}
      />
    </label>
  );
}

interface ListChange {
  /** Where focus goes once the list has its new length. */
  focusId: string;
  message: string;
}

/**
 * With JavaScript, an added block's first field takes focus, and a removed block's place goes to
 * the next block's first field (or the Add button), each said aloud: the page changed where the
 * person was not looking. Without JavaScript the page reloads, which the server's answer handles.
 */
function useFocusAfterListChange(length: number) {
  const pending = useRef<ListChange | null>(null);
  const shownLength = useRef(length);
  useEffect(() => {
    if (length === shownLength.current) return;
    shownLength.current = length;
    const change = pending.current;
    pending.current = null;
    if (!change) return;
    document.getElementById(change.focusId)?.focus();
    announce(change.message);
  }, [length]);
  return (change: ListChange) => {
    pending.current = change;
  };
}

/** Whether a submit only adds or removes a list's item (Conform's intent buttons). */
function isListChange(event: Event): boolean {
  const { submitter } = event as SubmitEvent;
  return submitter instanceof HTMLButtonElement && submitter.name === '__intent__';
}

/** One list of intervals (a weekday's or a date's) with its add and remove buttons. */
function IntervalList({
  form,
  list,
  label,
  emptyText,
  reloadedAfter,
}: {
  form: AvailabilityForm;
  list: FieldMetadata<Interval[]>;
  label: string;
  emptyText: string;
  reloadedAfter: ListIntent | null;
}) {
  const intervals = list.getFieldList();
  const loadFocus = focusOnLoad(reloadedAfter, list.name, intervals.length);
  const addId = `${list.id}-add`;
  const changed = useFocusAfterListChange(intervals.length);
  return (
    <div className="interval-list" id={list.id} tabIndex={-1}>
      {intervals.length === 0 ? <p className="muted interval-list__empty">{emptyText}</p> : null}
      {intervals.map((interval, index) => {
        const { start, end } = interval.getFieldset();
        const errors = [...(interval.errors ?? []), ...(start.errors ?? []), ...(end.errors ?? [])];
        const position = `${label}, hours ${index + 1}`;
        const errorId = errors.length ? interval.errorId : undefined;
        return (
          <div className="interval" key={interval.key ?? index} id={interval.id} tabIndex={-1}>
            <div className="interval__row">
              <TimeInput
                field={start}
                label={`${position}: from`}
                errorId={errorId}
                takesFocus={loadFocus === index}
              />
              <span aria-hidden="true">–</span>
              <TimeInput field={end} label={`${position}: until`} errorId={errorId} />
              <button
                className="button button--small"
                {...form.remove.getButtonProps({ name: list.name, index })}
                formNoValidate
                aria-label={`Remove ${position}`}
                onClick={() =>
                  changed({
                    // The next block moves up into this one's place, under this one's ids.
                    focusId: intervals[index + 1] ? start.id : addId,
                    message: `${position} removed.`,
                  })
                }
              >
                Remove
              </button>
            </div>
            <ErrorList id={errorId} errors={errors} />
          </div>
        );
      })}
      <ErrorList id={list.errors?.length ? list.errorId : undefined} errors={list.errors} />
      <button
        className="button button--small"
        {...form.insert.getButtonProps({ name: list.name, defaultValue: NEW_INTERVAL })}
        formNoValidate
        id={addId}
        aria-label={`Add hours to ${label}`}
        // eslint-disable-next-line jsx-a11y/no-autofocus -- where the person was, on the page their Remove reloaded
        autoFocus={loadFocus === 'add'}
        onClick={() =>
          changed({
            focusId: `${list.id}[${intervals.length}].start`,
            message: `${label}, hours ${intervals.length + 1} added, from ${NEW_INTERVAL.start} until ${NEW_INTERVAL.end}.`,
          })
        }
      >
        Add hours
      </button>
    </div>
  );
}

function SelectField({
  field,
  label,
  hint,
  children,
}: {
  field: FieldMetadata<string> | FieldMetadata<number>;
  label: string;
  hint?: string;
  children: ReactNode;
}) {
  const described = [hint ? `${field.id}-hint` : '', field.errors?.length ? field.errorId : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className="field">
      <label htmlFor={field.id} className="field__label">
        {label}
      </label>
      {hint ? (
        <p id={`${field.id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      <select
        className="input"
        id={field.id}
        name={field.name}
        key={field.key}
        defaultValue={field.initialValue === undefined ? undefined : String(field.initialValue)}
        aria-invalid={invalid(field.errors)}
        aria-describedby={described || undefined}
      >
        {children}
      </select>
      <ErrorList id={field.errors?.length ? field.errorId : undefined} errors={field.errors} />
    </div>
  );
}

/** A number's input, described by its hint and, while it has any, its errors. */
function NumberInput({
  field,
  hintId,
  className = 'input',
  min,
  max,
  step,
  required,
  takesFocus = false,
}: {
  field: FieldMetadata<number>;
  hintId: string;
  className?: string;
  min: number;
  max: number;
  step: number;
  required: boolean;
  /** On a page without JavaScript that adding or removing this field reloaded. */
  takesFocus?: boolean;
}) {
  const described = [hintId, field.errors?.length ? field.errorId : ''].filter(Boolean).join(' ');
  return (
    <input
      className={className}
      type="number"
      id={field.id}
      name={field.name}
      key={field.key}
      defaultValue={field.initialValue}
      min={min}
      max={max}
      step={step}
      required={required}
      // eslint-disable-next-line jsx-a11y/no-autofocus -- where the person was, on the page their Add or Remove reloaded
      autoFocus={takesFocus}
      aria-invalid={invalid(field.errors)}
      aria-describedby={described}
    />
  );
}

function NumberField({
  field,
  label,
  hint,
  min,
  max,
  step = 1,
  required = true,
}: {
  field: FieldMetadata<number>;
  label: string;
  hint: string;
  min: number;
  max: number;
  step?: number;
  /** False for a setting whose empty field means "none" (no limit, each length's own step). */
  required?: boolean;
}) {
  return (
    <div className="field">
      <label htmlFor={field.id} className="field__label">
        {label}
      </label>
      <p id={`${field.id}-hint`} className="field__hint">
        {hint}
      </p>
      <NumberInput
        field={field}
        hintId={`${field.id}-hint`}
        min={min}
        max={max}
        step={step}
        required={required}
      />
      <ErrorList id={field.errors?.length ? field.errorId : undefined} errors={field.errors} />
    </div>
  );
}

const LIMITS = AVAILABILITY_LIMITS;

/**
 * The lengths a client may choose besides the default one: up to three, each with its remove
 * button, added with a list intent like the hours (so without JavaScript too).
 */
function ExtraLengths({
  form,
  list,
  reloadedAfter,
}: {
  form: AvailabilityForm;
  list: FieldMetadata<number[]>;
  reloadedAfter: ListIntent | null;
}) {
  const lengths = list.getFieldList();
  const hintId = `${list.id}-hint`;
  const addId = `${list.id}-add`;
  const changed = useFocusAfterListChange(lengths.length);
  const loadFocus = focusOnLoad(reloadedAfter, list.name, lengths.length);
  return (
    <fieldset className="weekday" id={list.id} tabIndex={-1}>
      <legend className="weekday__name">More lengths</legend>
      <div className="interval-list">
        <p id={hintId} className="field__hint">
          Up to {LIMITS.extraSessionLengths} other lengths clients can choose instead, from{' '}
          {LIMITS.minSessionMinutes} to {LIMITS.maxSessionMinutes} minutes in steps of 5.
        </p>
        {lengths.map((length, index) => {
          const label = `Extra length ${index + 1} (minutes)`;
          return (
            <div className="interval" key={length.key ?? index}>
              <div className="interval__row">
                <label htmlFor={length.id} className="visually-hidden">
                  {label}
                </label>
                <NumberInput
                  field={length}
                  hintId={hintId}
                  className="input extra-length__input"
                  min={LIMITS.minSessionMinutes}
                  max={LIMITS.maxSessionMinutes}
                  step={5}
                  required
                  takesFocus={loadFocus === index}
                />
                <span aria-hidden="true">minutes</span>
                <button
                  className="button button--small"
                  {...form.remove.getButtonProps({ name: list.name, index })}
                  formNoValidate
                  aria-label={`Remove extra length ${index + 1}`}
                  onClick={() =>
                    changed({
                      focusId: lengths[index + 1] ? length.id : addId,
                      message: `Extra length ${index + 1} removed.`,
                    })
                  }
                >
                  Remove
                </button>
              </div>
              <ErrorList
                id={length.errors?.length ? length.errorId : undefined}
                errors={length.errors}
              />
            </div>
          );
        })}
        <ErrorList id={list.errors?.length ? list.errorId : undefined} errors={list.errors} />
        {lengths.length < LIMITS.extraSessionLengths ? (
          <button
            className="button button--small"
            {...form.insert.getButtonProps({ name: list.name })}
            formNoValidate
            id={addId}
            // eslint-disable-next-line jsx-a11y/no-autofocus -- where the person was, on the page their Remove reloaded
            autoFocus={loadFocus === 'add'}
            onClick={() =>
              changed({
                focusId: `${list.id}[${lengths.length}]`,
                message: `Extra length ${lengths.length + 1} added.`,
              })
            }
          >
            Add a length
          </button>
        ) : null}
      </div>
    </fieldset>
  );
}

function previewNote(draft: LengthPreview[] | null | undefined): string {
  if (draft === undefined) return 'as clients see them now';
  if (draft === null) return 'as saved: the changes are not valid rules yet';
  return 'with your changes, once saved';
}

function PreviewSlots({ slots }: { slots: Slot[] }) {
  return (
    <ul className="preview-day__slots">
      {slots.map((slot) => (
        <li
          key={slot.timeSlot}
          className={slot.available ? 'preview-slot' : 'preview-slot preview-slot--taken'}
        >
          {formatTimeSlot(slot.timeSlot)}
          {slot.reason ? (
            <span className="preview-slot__reason"> ({REASON_TEXT[slot.reason]})</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** `[60, 30, 90]` → `30, 60 and 90-minute sessions`. */
function lengthsText(lengths: number[]): string {
  const sorted = [...lengths].sort((a, b) => a - b);
  const last = sorted.pop();
  return `${sorted.length ? `${sorted.join(', ')} and ` : ''}${last}-minute sessions`;
}

function Preview({
  saved,
  draft,
  timezone,
}: {
  saved: LengthPreview[];
  /** The slots of the rules being edited: undefined before any change, null while invalid. */
  draft: LengthPreview[] | null | undefined;
  timezone: string;
}) {
  const lengths = (draft ?? saved).map(({ sessionMinutes, slots }) => ({
    sessionMinutes,
    days: groupSlotsByDay(slots),
  }));
  const several = lengths.length > 1;
  const dates = [...new Set(lengths.flatMap(({ days }) => days.map((day) => day.date)))].sort();
  return (
    <section className="card stack" aria-labelledby="preview-title">
      <h2 id="preview-title">The next 7 days</h2>
      <p className="muted">
        {lengths.length
          ? `${lengthsText(lengths.map((length) => length.sessionMinutes))}, in `
          : ''}
        {formatTimeZone(timezone)} time, {previewNote(draft)}.
      </p>
      {dates.length === 0 ? (
        <p>No slots in the next 7 days.</p>
      ) : (
        <ul className="preview-days">
          {dates.map((date) => (
            <li key={date} className="preview-day">
              <h3 className="preview-day__date">{formatShortDay(date)}</h3>
              {lengths.map(({ sessionMinutes, days }) => {
                const day = days.find((candidate) => candidate.date === date);
                if (!day) return null;
                return several ? (
                  <div key={sessionMinutes} className="preview-length">
                    <h4 className="preview-length__name">{sessionMinutes} minutes</h4>
                    <PreviewSlots slots={day.slots} />
                  </div>
                ) : (
                  <PreviewSlots key={sessionMinutes} slots={day.slots} />
                );
              })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function OutsideRules({ bookings }: { bookings: { date: string; timeSlot: string }[] }) {
  if (bookings.length === 0) return null;
  return (
    <section className="notice" aria-labelledby="outside-title">
      <h2 id="outside-title" className="notice__title">
        Bookings outside these hours
      </h2>
      <p>
        These sessions were booked before the hours changed. They stay booked, and nobody else can
        take their slots; cancel them from Bookings if you cannot make them.
      </p>
      <ul>
        {bookings.map((booking) => (
          <li key={`${booking.date} ${booking.timeSlot}`}>
            {formatDay(booking.date)}, {formatTimeSlot(booking.timeSlot)}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * The availability editor: weekly hours, session lengths, start step, buffers, daily limit, time
 * zone, date overrides, minimum notice and horizon, checked by the server against the one availability schema. Adding and
 * removing hours are Conform list intents, ordinary submit buttons: they work without JavaScript.
 */
export function AvailabilityEditor({
  expert,
  availability,
  preview,
  outsideRules,
  timeZones,
  lastResult,
  savedAt,
  previewPath,
  heading,
}: AvailabilityEditorProps) {
  const isPending = useIsPending();
  const validate = useLoadedAfterHydration(loadValidation);
  const [attempt, setAttempt] = useState(0);
  // Only the server's first render (and so a page without JavaScript) focuses on load; with
  // JavaScript, Add and Remove move focus themselves.
  const hydrated = useHydrated();
  const reloadedAfter = hydrated ? null : (lastResult?.intent ?? null);
  const { draft, requestPreview } = useDraftPreview(previewPath);
  const [form, fields] = useForm<Availability, Availability, string[]>({
    id: AVAILABILITY_FORM_ID,
    lastResult,
    defaultValue: availability,
    onValidate: validate && (({ formData }) => validate(formData)),
    // Checked when saved; after that a field is checked again as it changes, so its message goes
    // as soon as it is fixed. Without the checks (before they load) the server checks on save.
    shouldValidate: 'onSubmit',
    shouldRevalidate: validate ? 'onInput' : 'onSubmit',
  });
  const formProps = getFormProps(form);
  const weekly = fields.weeklyHours.getFieldset();
  const overrides = fields.overrides.getFieldList();
  const addDateId = `${fields.overrides.id}-add`;
  const overridesChanged = useFocusAfterListChange(overrides.length);
  const overrideLoadFocus = focusOnLoad(reloadedAfter, fields.overrides.name, overrides.length);
  // The summary lists what is still wrong since the last save was tried, shrinking as fields are
  // fixed; focus goes to it at each new try only.
  const summary = attempt > 0 || lastResult?.status === 'error' ? summaryOf(form) : [];
  const zones = timeZones.includes(expert.timezone) ? timeZones : [expert.timezone, ...timeZones];

  return (
    <div className="editor-layout">
      <div className="stack">
        <header className="page-header">
          <h1>{heading}</h1>
          <p className="lead">
            Weekly hours, dates with hours of their own, and how far ahead and how soon clients can
            book. All times are in the expert’s own time zone.
          </p>
        </header>
        {savedAt && !lastResult ? (
          // Created with its message, this status is not read out: the route announces the same
          // words from the page's live region, which was there before them.
          <p role="status" className="notice notice--success">
            {SAVED_NOTICE}
          </p>
        ) : null}
        <OutsideRules bookings={outsideRules} />
        <Form
          method="post"
          className="card stack editor"
          {...formProps}
          data-checks={validate ? 'browser' : 'server'}
          onSubmit={(event) => {
            if (!isListChange(event.nativeEvent)) setAttempt((count) => count + 1);
            formProps.onSubmit(event);
          }}
          onChange={(event) => requestPreview(event.currentTarget)}
        >
          <CsrfField />
          {/* Enter in a field submits through the form's first submit button: this one saves,
              rather than the first "Remove …" below. Hidden, it is no extra Tab stop. */}
          <button type="submit" hidden disabled={isPending} />
          <ErrorSummary errors={summary} id={`${AVAILABILITY_FORM_ID}-summary`} attempt={attempt} />
          <ErrorList id={form.errors?.length ? form.errorId : undefined} errors={form.errors} />
          {/* Save comes first and stays in view: a keyboard user reaches it in a few Tabs from
              any field, rather than after every weekday's buttons. */}
          <div className="editor__save-bar">
            {/* The id lets focus stay here when the saved form is drawn afresh. */}
            <button
              type="submit"
              id={`${AVAILABILITY_FORM_ID}-save`}
              className="button button--primary"
              disabled={isPending}
            >
              {isPending ? 'Saving…' : 'Save availability'}
            </button>
            <p className="field__hint">Nothing changes for clients until you save.</p>
          </div>

          <fieldset className="editor__group">
            <legend>Sessions</legend>
            <div className="form-grid">
              <SelectField field={fields.timezone} label="Time zone">
                <TimeZoneOptions groups={groupTimeZones(zones)} />
              </SelectField>
              <SelectField
                field={fields.sessionMinutes}
                label="Session length"
                hint="The length clients see first."
              >
                {SESSION_MINUTES.map((minutes) => (
                  <option key={minutes} value={minutes}>
                    {minutes} minutes
                  </option>
                ))}
              </SelectField>
              <NumberField
                field={fields.minimumNoticeMinutes}
                label="Minimum notice (minutes)"
                hint="How soon before a session it can still be booked, e.g. 120."
                min={0}
                max={43200}
              />
              <NumberField
                field={fields.cancellationNoticeMinutes}
                label="Cancellation notice (minutes)"
                hint="How long before a session clients can no longer cancel or reschedule it themselves, e.g. 1440 for a day; 0 for any time. Bookings keep the notice they were made with."
                min={0}
                max={LIMITS.maxCancellationNoticeMinutes}
              />
              <NumberField
                field={fields.horizonDays}
                label="Booking horizon (days)"
                hint="How many days ahead clients can book."
                min={1}
                max={365}
              />
            </div>
            <ExtraLengths
              form={form}
              list={fields.extraSessionMinutes}
              reloadedAfter={reloadedAfter}
            />
          </fieldset>

          <fieldset className="editor__group">
            <legend>Start times, buffers and limits</legend>
            <div className="form-grid">
              <NumberField
                field={fields.startEveryMinutes}
                label="Start every (minutes)"
                hint="Sessions may start this often, e.g. 30. Empty: each length starts when the last session of that length ends."
                min={LIMITS.minStartEveryMinutes}
                max={LIMITS.maxStartEveryMinutes}
                step={5}
                required={false}
              />
              <NumberField
                field={fields.maxSessionsPerDay}
                label="Sessions per day"
                hint="The most sessions of any length on one day. Empty: no limit."
                min={1}
                max={LIMITS.maxSessionsPerDay}
                required={false}
              />
              <NumberField
                field={fields.bufferBeforeMinutes}
                label="Buffer before (minutes)"
                hint="Free time kept before each session, e.g. 10."
                min={0}
                max={LIMITS.maxBufferMinutes}
                step={5}
              />
              <NumberField
                field={fields.bufferAfterMinutes}
                label="Buffer after (minutes)"
                hint="Free time kept after each session, e.g. 15."
                min={0}
                max={LIMITS.maxBufferMinutes}
                step={5}
              />
            </div>
          </fieldset>

          <fieldset className="editor__group">
            <legend>Weekly hours</legend>
            <p className="field__hint">
              Several blocks a day are fine (e.g. 09:00–12:00 and 13:00–17:00); 24:00 ends a day.
            </p>
            {WEEKDAYS.map((day) => (
              <fieldset key={day} className="weekday">
                <legend className="weekday__name">{capitalised(day)}</legend>
                <IntervalList
                  form={form}
                  list={weekly[day]}
                  label={capitalised(day)}
                  emptyText="Not working."
                  reloadedAfter={reloadedAfter}
                />
              </fieldset>
            ))}
          </fieldset>

          <fieldset className="editor__group" id={fields.overrides.id} tabIndex={-1}>
            <legend>Date overrides</legend>
            <p className="field__hint">
              A date with its own hours instead of the weekday’s; without hours the day is closed.
            </p>
            {overrides.map((override, index) => {
              const { date, intervals } = override.getFieldset();
              const label = `Override ${index + 1}`;
              return (
                <fieldset key={override.key ?? index} className="weekday">
                  <legend className="weekday__name">{label}</legend>
                  <div className="override">
                    <div className="field">
                      <label htmlFor={date.id} className="field__label">
                        Date
                      </label>
                      <input
                        className="input override__date"
                        type="date"
                        id={date.id}
                        name={date.name}
                        key={date.key}
                        defaultValue={date.initialValue}
                        // eslint-disable-next-line jsx-a11y/no-autofocus -- where the person was, on the page their Add or Remove reloaded
                        autoFocus={overrideLoadFocus === index}
                        required
                        aria-invalid={invalid(date.errors)}
                        aria-describedby={date.errors?.length ? date.errorId : undefined}
                      />
                      <ErrorList
                        id={date.errors?.length ? date.errorId : undefined}
                        errors={date.errors}
                      />
                    </div>
                    <IntervalList
                      form={form}
                      list={intervals}
                      label={label}
                      emptyText="Closed all day."
                      reloadedAfter={reloadedAfter}
                    />
                    <button
                      className="button button--small"
                      {...form.remove.getButtonProps({ name: fields.overrides.name, index })}
                      formNoValidate
                      onClick={() =>
                        overridesChanged({
                          focusId: overrides[index + 1] ? date.id : addDateId,
                          message: `${label} removed.`,
                        })
                      }
                    >
                      Remove {label.toLowerCase()}
                    </button>
                  </div>
                </fieldset>
              );
            })}
            <ErrorList
              id={fields.overrides.errors?.length ? fields.overrides.errorId : undefined}
              errors={fields.overrides.errors}
            />
            <button
              className="button button--small"
              {...form.insert.getButtonProps({
                name: fields.overrides.name,
                defaultValue: { date: '', intervals: [] },
              })}
              formNoValidate
              id={addDateId}
              // eslint-disable-next-line jsx-a11y/no-autofocus -- where the person was, on the page their Remove reloaded
              autoFocus={overrideLoadFocus === 'add'}
              onClick={() =>
                overridesChanged({
                  focusId: `${fields.overrides.id}[${overrides.length}].date`,
                  message: `Override ${overrides.length + 1} added: choose its date.`,
                })
              }
            >
              Add a date
            </button>
          </fieldset>
        </Form>
      </div>
      <Preview saved={preview} draft={draft} timezone={expert.timezone} />
    </div>
  );
}
