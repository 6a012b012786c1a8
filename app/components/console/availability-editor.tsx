import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { Form } from '@remix-run/react';
import { useState } from 'react';

import type { Availability } from '../../../shared/schemas/availability';
import { SESSION_MINUTES } from '../../../shared/schemas/availability-options';
import { groupTimeZones } from '../../utils/time-zones';
import { useHydrated } from '../../utils/use-hydrated';
import { useIsPending } from '../../utils/use-is-pending';
import { useLoadedAfterHydration } from '../../utils/use-loaded-after-hydration';
import { CsrfField } from '../csrf-field';
import { controlProps, ErrorList, SelectField } from '../forms';
import { TimeZoneOptions } from '../time-zone-options';
import { isListChange, type AvailabilityForm } from './availability-list-changes';
import { BOOKING_WINDOW, NumberSettings, STARTS_AND_LIMITS } from './availability-number-settings';
import { DateOverrides } from './availability-overrides';
import { OutsideRules, Preview, type LengthPreview } from './availability-preview';
import { ExtraLengths } from './availability-session-lengths';
import { WeeklyHours } from './availability-weekly-hours';
import { ErrorSummary, type SummaryError } from './error-summary';
import { useDraftPreview } from './use-draft-preview';
import { SaveButton } from './save-button';

export const AVAILABILITY_FORM_ID = 'availability';

/** What a save says, shown above the form and announced by the page. */
export const SAVED_NOTICE = 'Saved. The public page offers the new slots now.';

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
            <SaveButton
              formId={AVAILABILITY_FORM_ID}
              pending={isPending}
              label="Save availability"
            />
            <p className="field__hint">Nothing changes for clients until you save.</p>
          </div>

          <fieldset className="editor__group">
            <legend>Sessions</legend>
            <div className="form-grid">
              <SelectField
                key={fields.timezone.key}
                label="Time zone"
                errors={fields.timezone.errors}
                selectProps={controlProps(fields.timezone)}
              >
                <TimeZoneOptions groups={groupTimeZones(zones)} />
              </SelectField>
              <SelectField
                key={fields.sessionMinutes.key}
                label="Session length"
                hint="The length clients see first."
                errors={fields.sessionMinutes.errors}
                selectProps={controlProps(fields.sessionMinutes)}
              >
                {SESSION_MINUTES.map((minutes) => (
                  <option key={minutes} value={minutes}>
                    {minutes} minutes
                  </option>
                ))}
              </SelectField>
              <NumberSettings fields={fields} settings={BOOKING_WINDOW} />
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
              <NumberSettings fields={fields} settings={STARTS_AND_LIMITS} />
            </div>
          </fieldset>

          <WeeklyHours form={form} weeklyHours={fields.weeklyHours} reloadedAfter={reloadedAfter} />
          <DateOverrides form={form} list={fields.overrides} reloadedAfter={reloadedAfter} />
        </Form>
      </div>
      <Preview saved={preview} draft={draft} timezone={expert.timezone} />
    </div>
  );
}
