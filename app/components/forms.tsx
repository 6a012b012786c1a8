import {
  useEffect,
  useRef,
  type InputHTMLAttributes,
  type ReactNode,
  type TextareaHTMLAttributes,
} from 'react';

import { useErrorTitle } from '../utils/error-title';
import { focusTarget } from '../utils/focus-after-navigation';

export type ListOfErrors = (string | null | undefined)[] | null | undefined;

/** The messages under a field. Its id is what the field's aria-describedby points at. */
export function ErrorList({ id, errors }: { id?: string; errors?: ListOfErrors }) {
  const messages = errors?.filter(Boolean) ?? [];
  if (messages.length === 0) return null;
  return (
    <ul id={id} className="field__errors">
      {messages.map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
  );
}

interface FieldProps {
  label: ReactNode;
  hint?: ReactNode;
  errors?: ListOfErrors;
  className?: string;
}

function describedBy(id: string, hasHint: boolean, hasErrors: boolean): string | undefined {
  const ids = [hasHint ? `${id}-hint` : '', hasErrors ? `${id}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function hasMessages(errors: ListOfErrors): boolean {
  return Boolean(errors?.some(Boolean));
}

interface ControlAria {
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/**
 * Ties a label, an optional hint and the errors to one control by id. The caller renders the
 * control and spreads the aria attributes after its own props, so they win over any it was given.
 */
function FieldFrame({
  id,
  label,
  hint,
  errors,
  className,
  children,
}: FieldProps & { id: string; children: (aria: ControlAria) => ReactNode }) {
  const invalid = hasMessages(errors);
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      {children({
        'aria-invalid': invalid || undefined,
        'aria-describedby': describedBy(id, Boolean(hint), invalid),
      })}
      <ErrorList id={invalid ? `${id}-error` : undefined} errors={errors} />
    </div>
  );
}

export function TextField({
  inputProps,
  ...field
}: FieldProps & { inputProps: InputHTMLAttributes<HTMLInputElement> & { id: string } }) {
  return (
    <FieldFrame {...field} id={inputProps.id}>
      {(aria) => <input {...inputProps} className="input" {...aria} />}
    </FieldFrame>
  );
}

export function TextareaField({
  textareaProps,
  ...field
}: FieldProps & { textareaProps: TextareaHTMLAttributes<HTMLTextAreaElement> & { id: string } }) {
  return (
    <FieldFrame {...field} id={textareaProps.id}>
      {(aria) => <textarea {...textareaProps} className="input input--textarea" {...aria} />}
    </FieldFrame>
  );
}

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
 * went wrong instead of at the top of the page. With JavaScript it takes focus as it appears,
 * unless the form already put focus on an invalid field (Conform tries the first one, and fails
 * when that is a disabled radio or the error is the whole form's). Render it inside a live
 * region that is always there (`role="alert"`), so its arrival is read too.
 */
export function FormErrorSummary({
  title,
  formErrors,
  fields,
  id,
}: {
  title: string;
  formErrors?: (string | null | undefined)[] | null;
  fields: FieldProblem[];
  /** Where the form's own errors are listed (Conform's `form.errorId`). */
  id?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useErrorTitle(true);
  useEffect(() => {
    // Only as it appears: later changes come from fields being corrected, and focus stays there.
    const onInvalidField = document.activeElement?.matches(
      '[aria-invalid="true"], [aria-describedby$="-error"]',
    );
    if (!onInvalidField) ref.current?.focus();
  }, []);
  const linked = fields.flatMap((field) =>
    (field.errors ?? []).filter(Boolean).map((message) => [field.id, `${field.label}: ${message}`]),
  );
  return (
    <div className="form-alert" ref={ref} {...focusTarget({ autoFocus: true })}>
      <p className="form-alert__title">{title}</p>
      <ErrorList id={id} errors={formErrors} />
      {linked.length > 0 ? (
        <ul className="field__errors">
          {linked.map(([fieldId, text]) => (
            <li key={text}>
              <a href={`#${fieldId}`}>{text}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
