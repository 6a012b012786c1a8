import { createContext, useContext, type ReactNode } from 'react';

const NonceContext = createContext('');

/**
 * Carries the per-request CSP nonce from entry.server to the root layout's scripts. In the
 * browser it is empty: the scripts have already run and browsers hide nonces from the DOM.
 */
export function NonceProvider({ value, children }: { value: string; children: ReactNode }) {
  return <NonceContext.Provider value={value}>{children}</NonceContext.Provider>;
}

export function useNonce(): string {
  return useContext(NonceContext);
}
