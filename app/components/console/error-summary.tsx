import { useEffect, useRef } from 'react';

export interface SummaryError {
  /** The id of the control to jump to. */
  fieldId: string;
  message: string;
}

/**
 * Every problem of a submitted form in one list at its top, each linking to its field. It takes
 * focus when it appears after a submit, so a screen reader reads it and keyboard users start
 * there; without JavaScript it is the first thing of the form on the reloaded page.
 */
export function ErrorSummary({ errors, id }: { errors: SummaryError[]; id: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const shown = errors.length > 0;
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [shown, errors]);
  if (!shown) return null;
  return (
    <div className="form-alert" role="alert" tabIndex={-1} ref={ref} id={id}>
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
