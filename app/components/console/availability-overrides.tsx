import type { FieldMetadata } from '@conform-to/react';

import type { Availability } from '../../../shared/schemas/availability';
import { controlProps, DateField, ErrorList } from '../forms';
import { IntervalList } from './availability-interval-list';
import {
  focusOnLoad,
  useFocusAfterListChange,
  type AvailabilityForm,
  type ListIntent,
} from './availability-list-changes';

/** Dates with hours of their own, or closed, each with its remove button; Add a date below. */
export function DateOverrides({
  form,
  list,
  reloadedAfter,
}: {
  form: AvailabilityForm;
  list: FieldMetadata<Availability['overrides']>;
  reloadedAfter: ListIntent | null;
}) {
  const overrides = list.getFieldList();
  const addDateId = `${list.id}-add`;
  const changed = useFocusAfterListChange(overrides.length);
  const loadFocus = focusOnLoad(reloadedAfter, list.name, overrides.length);
  return (
    <fieldset className="editor__group" id={list.id} tabIndex={-1}>
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
              <DateField
                key={date.key}
                label="Date"
                errors={date.errors}
                inputProps={{
                  ...controlProps(date),
                  className: 'override__date',
                  // Where the person was, on the page their Add or Remove reloaded.
                  autoFocus: loadFocus === index,
                  required: true,
                }}
              />
              <IntervalList
                form={form}
                list={intervals}
                label={label}
                emptyText="Closed all day."
                reloadedAfter={reloadedAfter}
              />
              <button
                className="button button--small"
                {...form.remove.getButtonProps({ name: list.name, index })}
                formNoValidate
                onClick={() =>
                  changed({
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
      <ErrorList id={list.errors?.length ? list.errorId : undefined} errors={list.errors} />
      <button
        className="button button--small"
        {...form.insert.getButtonProps({
          name: list.name,
          defaultValue: { date: '', intervals: [] },
        })}
        formNoValidate
        id={addDateId}
        // eslint-disable-next-line jsx-a11y/no-autofocus -- where the person was, on the page their Remove reloaded
        autoFocus={loadFocus === 'add'}
        onClick={() =>
          changed({
            focusId: `${list.id}[${overrides.length}].date`,
            message: `Override ${overrides.length + 1} added: choose its date.`,
          })
        }
      >
        Add a date
      </button>
    </fieldset>
  );
}
