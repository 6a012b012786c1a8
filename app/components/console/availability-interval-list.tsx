import type { FieldMetadata } from '@conform-to/react';

import type { Interval } from '../../../shared/schemas/availability';
import { controlProps, ErrorList, TimeField } from '../forms';
import {
  focusOnLoad,
  useFocusAfterListChange,
  type AvailabilityForm,
  type ListIntent,
} from './availability-list-changes';

/** What the add buttons put in: a plain working block, easy to adjust. */
const NEW_INTERVAL: Interval = { start: '09:00', end: '17:00' };

/** One list of intervals (a weekday's or a date's) with its add and remove buttons. */
export function IntervalList({
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
              <TimeField
                key={start.key}
                label={`${position}: from`}
                errors={start.errors}
                describedBy={errorId}
                inputProps={{
                  ...controlProps(start),
                  // Where the person was, on the page their Add or Remove reloaded.
                  autoFocus: loadFocus === index,
                }}
              />
              <span aria-hidden="true">–</span>
              <TimeField
                key={end.key}
                label={`${position}: until`}
                errors={end.errors}
                describedBy={errorId}
                inputProps={controlProps(end)}
              />
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
