/**
 * A console form's Save. Its id, the form's followed by "-save", lets focus stay on it when the
 * saved form is drawn afresh (app/utils/focus-after-navigation.ts).
 */
export function SaveButton({
  formId,
  pending,
  label,
}: {
  formId: string;
  pending: boolean;
  label: string;
}) {
  return (
    <button
      type="submit"
      id={`${formId}-save`}
      className="button button--primary"
      disabled={pending}
    >
      {pending ? 'Saving…' : label}
    </button>
  );
}
