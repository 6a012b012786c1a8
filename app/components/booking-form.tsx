import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react';
import type { getZodConstraint } from '@conform-to/zod/v4';
import { Form } from '@remix-run/react';
import { useImperativeHandle, useRef, type ReactNode, type Ref } from 'react';

import type { Slot } from '../../shared/schemas/expert';
import { slotPageHref } from '../../shared/time/slot-window';
import { useIsPending } from '../utils/use-is-pending';
import { useLoadedAfterHydration } from '../utils/use-loaded-after-hydration';
import { ConformTextField, FormErrorSummary, TextareaField } from './forms';
import { SlotPicker, slotChoiceId } from './slot-picker';

/** What the page may do to the form from outside (news from a live update). */
export interface BookingFormControl {
  /**
   * Clears the chosen slot (it went to someone else), without flagging the empty choice as an
   * error: the caller says why. Call it from an event handler, never while React renders.
   */
  clearSlot(): void;
}

const loadValidation = () =>
  import('./booking-form-validation').then(({ validateBookingForm }) => validateBookingForm);

/**
 * The booking form. One schema for both sides: in the browser Conform checks each field as it is
 * left and again as it is corrected; the server runs the same schema (and the booking rules) and
 * answers with `lastResult`, which puts its errors next to the same fields and keeps every value.
 * Without JavaScript it is a plain POST form and the server's answer is all there is; so it is
 * too until the browser's checks have loaded, just after hydration (they are a chunk of their
 * own, being most of zod). The field constraints (`required`, `maxLength`…) come from the route's
 * loader, computed from the same schema on the server.
 */
export function BookingForm({
  slots,
  constraint,
  timezone,
  viewerZone,
  day,
  from,
  sessionMinutes,
  lengthParam,
  lengthChoice,
  viewerZoneControl,
  weeks,
  requestKey,
  lastResult,
  slotNotice,
  onSlotChange,
  formRef,
  controlRef,
  changePolicy,
}: {
  slots: readonly Slot[];
  /** The expert's cancellation policy, said before the person books. */
  changePolicy?: string;
  /** The form's field constraints, from `getZodConstraint(BookingFormSchema)`. */
  constraint: ReturnType<typeof getZodConstraint>;
  timezone: string;
  /** The zone the viewer's own times are shown in, once known. */
  viewerZone?: string;
  /** The day whose slots are shown; the form posts back to it, so an error comes back there. */
  day?: string;
  /** The week the person chose (`?from=`), which the form also posts back to. */
  from?: string;
  /** How long the listed sessions are, said in the title. */
  sessionMinutes?: number;
  /** The length the address names (`?sessionMinutes=`), which the form also posts back to. */
  lengthParam?: number;
  /** The choice of session length, above the days (when the expert offers several). */
  lengthChoice?: ReactNode;
  viewerZoneControl?: ReactNode;
  weeks?: { previous?: string; next?: string };
  /** Names this page view's booking attempt, so a repeated submit returns the same booking. */
  requestKey: string;
  lastResult?: SubmissionResult<string[]> | null;
  /** News from outside the form that the chosen slot is gone (a live update), said politely. */
  slotNotice?: string;
  /** The person chose a slot (again). */
  onSlotChange?: () => void;
  formRef?: Ref<HTMLFormElement>;
  controlRef?: Ref<BookingFormControl>;
}) {
  const isPending = useIsPending();
  const validate = useLoadedAfterHydration(loadValidation);
  const [form, fields] = useForm({
    id: 'booking-form',
    lastResult,
    constraint,
    onValidate: validate && (({ formData }) => validate(formData)),
    // Without the checks, Conform would ask the server to check a field as it is left; until
    // they arrive the form only checks when it is sent, as it does without JavaScript.
    shouldValidate: validate ? 'onBlur' : 'onSubmit',
    shouldRevalidate: validate ? 'onInput' : 'onSubmit',
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
  const noticeRef = useRef<HTMLDivElement>(null);
  const slotName = fields.slot.name;
  const { update } = form;
  useImperativeHandle(
    controlRef,
    () => ({
      clearSlot() {
        // The chosen radio is about to be disabled. Focus leaves it now, for the notice that
        // says why; left to the browser it would fall to the page body a moment later, and the
        // blur would have Conform flag the emptied choice as an error.
        const focused = document.activeElement;
        if (focused instanceof HTMLInputElement && focused.name === slotName) {
          noticeRef.current?.focus();
        }
        // Through Conform, so its state and the page agree: the radio is unchecked and the slot
        // no longer counts as checked, so no "required" error appears on the next blur (the
        // notice already asks for another choice, and an error would shift the slots under a
        // pointer already on its way to one of them).
        update({ name: slotName, value: '', validated: false });
      },
    }),
    [slotName, update],
  );

  return (
    <Form
      method="post"
      className="booking-form"
      {...getFormProps(form)}
      // Who checks the fields for now; says when the browser's checks are in place.
      data-checks={validate ? 'browser' : 'server'}
      // The length, week and day travel with the form, so without JavaScript an error comes back
      // there. The slot's label names its length: that is what is booked.
      action={
        day || from || lengthParam
          ? slotPageHref({ from, day, sessionMinutes: lengthParam })
          : undefined
      }
      ref={formRef}
      aria-labelledby="booking-title"
    >
      {/* The length, where it costs no room: the card's title (and the form's name). */}
      <h2 id="booking-title">
        {sessionMinutes ? `Book a ${sessionMinutes}-minute session` : 'Book a session'}
      </h2>
      <input type="hidden" name="requestKey" value={requestKey} />

      <div role="alert" className="form-alert-region">
        {failed && (form.errors?.length || fieldErrorCount > 0) ? (
          <FormErrorSummary
            id={form.errorId}
            title={
              fieldErrorCount > 0
                ? `Please check ${fieldErrorCount === 1 ? 'the field' : `the ${fieldErrorCount} fields`} marked below.`
                : 'We could not book this session.'
            }
            formErrors={form.errors}
            fields={[
              {
                id: slotChoiceId(fields.slot.name),
                label: 'Day and time',
                errors: fields.slot.errors,
              },
              { id: fields.name.id, label: 'Name', errors: fields.name.errors },
              { id: fields.phone.id, label: 'Phone', errors: fields.phone.errors },
              { id: fields.email.id, label: 'Email', errors: fields.email.errors },
              { id: fields.notes.id, label: 'Notes', errors: fields.notes.errors },
            ]}
          />
        ) : null}
      </div>

      {/* Always rendered, so screen readers already watch it when a notice comes in. */}
      <div role="status" className="slot-notice-region" tabIndex={-1} ref={noticeRef}>
        {slotNotice ? <p className="notice">{slotNotice}</p> : null}
      </div>

      {lengthChoice}

      <SlotPicker
        name={fields.slot.name}
        slots={slots}
        timezone={timezone}
        viewerZone={viewerZone}
        day={day}
        from={from}
        lengthParam={lengthParam}
        viewerZoneControl={viewerZoneControl}
        weeks={weeks}
        defaultValue={slotDefault}
        errors={fields.slot.errors}
        errorId={fields.slot.errorId}
        onChange={onSlotChange}
      />

      <div className="form-grid">
        <ConformTextField label="Name" field={fields.name} type="text" autoComplete="name" />
        <ConformTextField label="Phone" field={fields.phone} type="tel" autoComplete="tel" />
        <ConformTextField
          className="form-grid__wide"
          label="Email"
          hint="It also finds your bookings later."
          field={fields.email}
          type="email"
          autoComplete="email"
        />
        <TextareaField
          className="form-grid__wide"
          label="Notes (optional)"
          errors={fields.notes.errors}
          textareaProps={{
            ...getTextareaProps(fields.notes),
            rows: 2,
            maxLength: 1000,
            placeholder: 'What would you like to talk about?',
          }}
        />
      </div>

      {changePolicy ? (
        <p className="muted" id="change-policy">
          {changePolicy}
        </p>
      ) : null}
      <button type="submit" className="button button--primary button--wide" disabled={isPending}>
        {isPending ? 'Booking…' : 'Book this slot'}
      </button>
    </Form>
  );
}
