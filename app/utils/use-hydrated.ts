import { useSyncExternalStore } from 'react';

function subscribe() {
  return () => {};
}

/**
 * False on the server and during hydration, true afterwards: lets a component add what only the
 * browser knows (like the viewer's time zone) without a hydration mismatch.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
