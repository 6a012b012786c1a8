import {
  getFormProps,
  getInputProps,
  getTextareaProps,
  useForm,
  type SubmissionResult,
} from '@conform-to/react';
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4';
import { Form } from '@remix-run/react';
import { useEffect, type Ref } from 'react';

import { BookingFormSchema } from '../schemas/booking-form';
import type { Slot } from '../schemas/expert';
import { useIsPending } from '../utils/use-is-pending';
import { ErrorList, TextareaField, TextField } from './forms';
import { SlotPicker } from './slot-picker';

/**
 * The booking form. One schema for both sides: in the browser Conform checks each field as it is
 * left and again as it is corrected; the server runs the same schema (and the booking rules) and
 * answers with `lastResult`, which puts its errors next to the same fields and keeps every value.
 * Without JavaScript it is a plain POST form and the server's answer is all there is.
 */
export function BookingForm({
  slots,
  timezone,
  requestKey,
  lastResult,
  slotNotice,
  onSlotChange,
  formRef,
}: {
  slots: readonly Slot[];
  timezone: string;
  /** Names this page view's booking attempt, so a repeated submit returns the same booking. */
  requestKey: string;
  lastResult?: SubmissionResult<string[]> | null;
  /** News from outside the form that the chosen slot is gone (a live update), said politely. */
  slotNotice?: string;
  /** The person chose a slot (again). */
  onSlotChange?: () => void;
  formRef?: Ref<HTMLFormElement>;
}) {
  const isPending = useIsPending();
  const [form, fields] = useForm({
    id: 'booking-form',
    lastResult,
    constraint: getZodConstraint(BookingFormSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: BookingFormSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  });
  const fieldErrorCount = [
    fields.slot,
    fields.name,
    fields.email,
    fields.phone,
    fields.notes,
  ].filter((field) => field.errors?.length).length;
  const failed = lastResult?.status === 'error' || form.status === 'error';
  const slotDefault =
    typeof fields.slot.initialValue === 'string' ? fields.slot.initialValue : undefined;
  const { update } = form;
  useEffect(() => {
    // A notice means the choice was just cleared from outside the form, and it already asks for
    // another. Were the slot still counted as validated, its "required" error would appear on the
    // next blur, shifting the slots under a pointer already on its way to one of them.
    if (slotNotice) update({ name: fields.slot.name, validated: false });
  }, [slotNotice, update, fields.slot.name]);

  return (
    <Form
      method="post"
      className="booking-form"
      {...getFormProps(form)}
      ref={formRef}
      aria-labelledby="booking-title"
    >
      <h2 id="booking-title">Book a session</h2>
      <input type="hidden" name="requestKey" value={requestKey} />

      <div role="alert" className="form-alert-region">
        {failed && (form.errors?.length || fieldErrorCount > 0) ? (
          <div className="form-alert">
            <p className="form-alert__title">
              {fieldErrorCount > 0
                ? `Please check ${fieldErrorCount === 1 ? 'the field' : `the ${fieldErrorCount} fields`} marked below.`
                : 'We could not book this session.'}
            </p>
            <ErrorList id={form.errorId} errors={form.errors} />
          </div>
        ) : null}
      </div>

      {/* Always rendered, so screen readers already watch it when a notice comes in. */}
      <div role="status" className="slot-notice-region">
        {slotNotice ? <p className="notice">{slotNotice}</p> : null}
      </div>

      <SlotPicker
        name={fields.slot.name}
        slots={slots}
        timezone={timezone}
        defaultValue={slotDefault}
        errors={fields.slot.errors}
        errorId={fields.slot.errorId}
        onChange={onSlotChange}
      />

      <div className="form-grid">
        <TextField
          label="Name"
          errors={fields.name.errors}
          inputProps={{ ...getInputProps(fields.name, { type: 'text' }), autoComplete: 'name' }}
        />
        <TextField
          label="Phone"
          errors={fields.phone.errors}
          inputProps={{ ...getInputProps(fields.phone, { type: 'tel' }), autoComplete: 'tel' }}
        />
        <TextField
          className="form-grid__wide"
          label="Email"
          hint="Use the same email later to find your bookings."
          errors={fields.email.errors}
          inputProps={{ ...getInputProps(fields.email, { type: 'email' }), autoComplete: 'email' }}
        />
        <TextareaField
          className="form-grid__wide"
          label="Notes (optional)"
          hint="What would you like to talk about? At most 1000 characters."
          errors={fields.notes.errors}
          textareaProps={{ ...getTextareaProps(fields.notes), rows: 4, maxLength: 1000 }}
        />
      </div>

      <button type="submit" className="button button--primary button--wide" disabled={isPending}>
        {isPending ? 'Booking…' : 'Book this slot'}
      </button>
    </Form>
  );
}
