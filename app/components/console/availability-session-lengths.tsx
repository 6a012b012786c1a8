import type { FieldMetadata } from '@conform-to/react';

import { AVAILABILITY_LIMITS as LIMITS } from '../../../shared/schemas/availability';
import { controlProps, ErrorList } from '../forms';
import {
  focusOnLoad,
  useFocusAfterListChange,
  type AvailabilityForm,
  type ListIntent,
} from './availability-list-changes';

/**
 * The lengths a client may choose besides the default one: up to three, each with its remove
 * button, added with a list intent like the hours (so without JavaScript too).
 */
export function ExtraLengths({
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
                <input
                  key={length.key}
                  {...controlProps(length)}
                  className="input extra-length__input"
                  type="number"
                  min={LIMITS.minSessionMinutes}
                  max={LIMITS.maxSessionMinutes}
                  step={5}
                  required
                  // eslint-disable-next-line jsx-a11y/no-autofocus -- where the person was, on the page their Add or Remove reloaded
                  autoFocus={loadFocus === index}
                  aria-invalid={length.errors?.length ? true : undefined}
                  aria-describedby={[hintId, length.errors?.length ? length.errorId : '']
                    .filter(Boolean)
                    .join(' ')}
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
