import { useEffect, useRef } from 'react';

import { focusTarget } from '../utils/focus-after-navigation';

export interface FieldProblem {
  /** The id of the control the entry links to. */
  id: string;
  label: string;
  errors?: (string | null | undefined)[] | null;
}

/**
 * What stopped a public form, at its top: the form's own errors, then one link per field with
 * an error, which takes focus to that field. Without JavaScript the server's answer is a fresh
 * page, and the summary focuses itself on load, so a keyboard or screen reader starts at what
 * went wrong instead of at the top of the page. Render it inside a live region that is always
 * there (`role="alert"`), so with JavaScript on its arrival is read too.
 */
export function FormErrorSummary({
  title,
  formErrors,
  fields,
  id,
  focusOnShow = false,
}: {
  title: string;
  formErrors?: (string | null | undefined)[] | null;
  fields: FieldProblem[];
  /** Where the form's own errors are listed (Conform's `form.errorId`). */
  id?: string;
  /**
   * With JavaScript on, take focus whenever new errors are shown. Off for a form that already
   * focuses its first invalid field itself (Conform does, for the booking form).
   */
  focusOnShow?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const general = formErrors?.filter((message): message is string => Boolean(message)) ?? [];
  const linked = fields.flatMap((field) =>
    (field.errors ?? [])
      .filter((message): message is string => Boolean(message))
      .map((message) => ({ id: field.id, text: `${field.label}: ${message}` })),
  );
  const said = [...general, ...linked.map((entry) => entry.text)].join('\n');
  useEffect(() => {
    if (focusOnShow && said) ref.current?.focus();
  }, [focusOnShow, said]);
  return (
    <div className="form-alert" ref={ref} {...focusTarget({ autoFocus: true })}>
      <p className="form-alert__title">{title}</p>
      {general.length > 0 ? (
        <ul id={id} className="field__errors">
          {general.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
      {linked.length > 0 ? (
        <ul className="field__errors">
          {linked.map((entry) => (
            <li key={entry.text}>
              <a href={`#${entry.id}`}>{entry.text}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
