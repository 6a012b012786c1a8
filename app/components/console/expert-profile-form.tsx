import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type SubmissionResult,
} from '@conform-to/react';
import { Form } from '@remix-run/react';

import { EXPERT_CATEGORIES } from '../../../shared/schemas/expert-categories';
import type { NewExpertInput } from '../../../shared/schemas/expert-profile';
import { groupTimeZones } from '../../utils/time-zones';
import { TimeZoneOptions } from '../time-zone-options';
import { useIsPending } from '../../utils/use-is-pending';
import { CsrfField } from '../csrf-field';
import { NumberField, SelectField, TextareaField, TextField } from '../forms';
import { ErrorSummary } from './error-summary';
import { SaveButton } from './save-button';

const FORM_ID = 'expert-profile';

/**
 * Adds an expert (with `timeZones`: the zone their hours start in) or edits a profile (without:
 * the zone belongs to the availability editor). The server checks with the shared schema.
 */
export function ExpertProfileForm({
  defaultValue,
  timeZones,
  lastResult,
  submitLabel,
}: {
  defaultValue?: Partial<NewExpertInput>;
  timeZones?: string[];
  lastResult?: SubmissionResult<string[]> | null;
  submitLabel: string;
}) {
  const isPending = useIsPending();
  const [form, fields] = useForm<NewExpertInput, string[]>({
    id: FORM_ID,
    lastResult,
    defaultValue,
    shouldValidate: 'onSubmit',
  });
  const summary =
    lastResult?.status === 'error'
      ? Object.entries(form.allErrors).flatMap(([name, messages]) =>
          messages.map((message) => ({ fieldId: name ? `${FORM_ID}-${name}` : FORM_ID, message })),
        )
      : [];

  return (
    <Form method="post" className="card stack" {...getFormProps(form)}>
      <CsrfField />
      <ErrorSummary errors={summary} id={`${FORM_ID}-summary`} attempt={lastResult} />
      <div className="form-grid">
        <TextField
          label="Name"
          errors={fields.name.errors}
          inputProps={{ ...getInputProps(fields.name, { type: 'text' }), required: true }}
        />
        <SelectField
          label="Category"
          errors={fields.category.errors}
          selectProps={{ ...getSelectProps(fields.category), required: true }}
        >
          <option value="">Choose a category</option>
          {EXPERT_CATEGORIES.map((category) => (
            <option key={category}>{category}</option>
          ))}
        </SelectField>
        <NumberField
          label="Experience (years)"
          errors={fields.experience.errors}
          inputProps={{
            ...getInputProps(fields.experience, { type: 'number' }),
            min: 0,
            max: 70,
            step: 1,
            required: true,
          }}
        />
        {timeZones ? (
          <SelectField
            className="form-grid__wide"
            label="Time zone"
            hint="New experts work weekdays 09:00–17:00 there; change it in their availability."
            errors={fields.timezone.errors}
            selectProps={getSelectProps(fields.timezone)}
          >
            <TimeZoneOptions groups={groupTimeZones(timeZones)} />
          </SelectField>
        ) : null}
        <TextareaField
          className="form-grid__wide"
          label="Bio"
          errors={fields.bio.errors}
          textareaProps={{ ...getTextareaProps(fields.bio), rows: 5, required: true }}
        />
      </div>
      <SaveButton formId={FORM_ID} pending={isPending} label={submitLabel} />
    </Form>
  );
}
