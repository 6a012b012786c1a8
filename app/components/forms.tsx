import { getInputProps, type FieldMetadata } from '@conform-to/react';
import {
  useEffect,
  useRef,
  type InputHTMLAttributes,
  type ReactNode,
  type Ref,
  type SelectHTMLAttributes,
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

type InputProps = InputHTMLAttributes<HTMLInputElement> & {
  id: string;
  ref?: Ref<HTMLInputElement>;
};

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

function classNames(...names: (string | undefined)[]): string {
  return names.filter(Boolean).join(' ');
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
    <div className={classNames('field', className)}>
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

export function TextField({ inputProps, ...field }: FieldProps & { inputProps: InputProps }) {
  return (
    <FieldFrame {...field} id={inputProps.id}>
      {(aria) => (
        <input {...inputProps} className={classNames('input', inputProps.className)} {...aria} />
      )}
    </FieldFrame>
  );
}

/**
 * A text field on its Conform field: the input's id, name, constraints and starting value and the
 * messages under it all come from the one field, so they cannot name different ones.
 */
export function ConformTextField({
  field,
  type,
  autoComplete,
  ...frame
}: FieldProps & {
  field: FieldMetadata<string | undefined>;
  type: 'text' | 'email' | 'tel' | 'password';
  autoComplete: string;
}) {
  return (
    <TextField
      {...frame}
      errors={field.errors}
      inputProps={{ ...getInputProps(field, { type }), autoComplete }}
    />
  );
}

/**
 * What a control takes from its Conform field: its id (Conform's, which the error summary links
 * to), its name and its starting value. Its errors go to the field component's `errors`, and
 * its `key` on the field component, so a reset or a list change draws the control afresh.
 */
export function controlProps(field: FieldMetadata<string | number | undefined>): {
  id: string;
  name: string;
  defaultValue: string | undefined;
} {
  const initial = field.initialValue;
  return {
    id: field.id,
    name: field.name,
    defaultValue: initial === undefined || initial === null ? undefined : String(initial),
  };
}

export function NumberField({ inputProps, ...field }: FieldProps & { inputProps: InputProps }) {
  return <TextField {...field} inputProps={{ ...inputProps, type: 'number' }} />;
}

export function DateField({ inputProps, ...field }: FieldProps & { inputProps: InputProps }) {
  return <TextField {...field} inputProps={{ ...inputProps, type: 'date' }} />;
}

/** A list of options (a placeholder first, where there is one) under a label. */
export function SelectField({
  selectProps,
  children,
  ...field
}: FieldProps & {
  selectProps: SelectHTMLAttributes<HTMLSelectElement> & {
    id: string;
    ref?: Ref<HTMLSelectElement>;
  };
  children: ReactNode;
}) {
  return (
    <FieldFrame {...field} id={selectProps.id}>
      {(aria) => (
        <select {...selectProps} className="input" {...aria}>
          {children}
        </select>
      )}
    </FieldFrame>
  );
}

/** A choice of a select: a string is its own value and label. */
type Choice = string | { value: string; label: string };

/** The options of a select: the placeholder first (value ""), where there is one, then the choices. */
export function Options({
  placeholder,
  choices,
}: {
  placeholder?: string;
  choices: readonly Choice[];
}) {
  return (
    <>
      {placeholder === undefined ? null : <option value="">{placeholder}</option>}
      {choices.map((choice) => {
        const { value, label } =
          typeof choice === 'string' ? { value: choice, label: choice } : choice;
        return (
          <option key={value} value={value}>
            {label}
          </option>
        );
      })}
    </>
  );
}

/**
 * A time of day (`09:00`, `24:00` for a day's end) in a row of controls: its label is read,
 * not shown, and its messages are the row's (`describedBy`), listed under the row.
 */
export function TimeField({
  label,
  inputProps,
  errors,
  describedBy,
}: {
  label: string;
  inputProps: InputProps;
  errors?: ListOfErrors;
  describedBy: string | undefined;
}) {
  return (
    <label className="interval__time">
      <span className="visually-hidden">{label}</span>
      <input
        className="input"
        inputMode="numeric"
        placeholder="09:00"
        pattern="([01]\d|2[0-3]):[0-5]\d|24:00"
        size={5}
        required
        {...inputProps}
        aria-invalid={hasMessages(errors) || undefined}
        aria-describedby={describedBy}
      />
    </label>
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
