import { useNavigation } from '@remix-run/react';

/**
 * True while a form on this page is being submitted to `action` (or to any action), and with
 * `intent`, only the form whose `intent` field says so (several forms posting to one action).
 */
export function useIsPending({
  formAction,
  formMethod = 'POST',
  intent,
}: { formAction?: string; formMethod?: string; intent?: string } = {}): boolean {
  const navigation = useNavigation();
  if (navigation.state === 'idle' || !navigation.formMethod) return false;
  return (
    navigation.formMethod.toUpperCase() === formMethod &&
    (formAction === undefined || navigation.formAction === formAction) &&
    (intent === undefined || navigation.formData?.get('intent') === intent)
  );
}
