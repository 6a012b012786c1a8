import { useNavigation } from '@remix-run/react';

/** True while a form on this page is being submitted to `action` (or to any action). */
export function useIsPending({
  formAction,
  formMethod = 'POST',
}: { formAction?: string; formMethod?: string } = {}): boolean {
  const navigation = useNavigation();
  if (navigation.state === 'idle' || !navigation.formMethod) return false;
  return (
    navigation.formMethod.toUpperCase() === formMethod &&
    (formAction === undefined || navigation.formAction === formAction)
  );
}
