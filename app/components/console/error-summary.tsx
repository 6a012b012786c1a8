import { useEffect, useRef } from 'react';

import { useErrorTitle } from '../../utils/error-title';
import { focusTarget } from '../../utils/focus-after-navigation';

export interface SummaryError {
  /** The id of the control to jump to. */
  fieldId: string;
  message: string;
}

/**
 * Every problem of a submitted form in one list at its top, each linking to its field. It takes
 * focus when it appears and at each new `attempt` to send the form, so a screen reader reads it
 * and keyboard users start there; never while a person fixes fields and the list shrinks. Without
 * JavaScript it takes focus as the reloaded page opens.
 */
export function ErrorSummary({
  errors,
  id,
  attempt,
}: {
  errors: SummaryError[];
  id: string;
  /** A new value at every attempt to send the form: a count, or the server's latest answer. */
  attempt?: unknown;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const shown = errors.length > 0;
  useErrorTitle(shown);
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [shown, attempt]);
  if (!shown) return null;
  return (
    <div
      className="form-alert"
      role="alert"
      ref={ref}
      id={id}
      {...focusTarget({ autoFocus: true })}
    >
      <p className="form-alert__title">
        {errors.length === 1 ? 'One thing to fix' : `${errors.length} things to fix`} before saving:
      </p>
      <ul className="field__errors">
        {errors.map((error) => (
          <li key={`${error.fieldId} ${error.message}`}>
            <a href={`#${error.fieldId}`}>{error.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
