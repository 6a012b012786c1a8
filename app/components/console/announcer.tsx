import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';

import { focusTarget } from '../../utils/focus-after-navigation';

const AnnounceContext = createContext<(message: string) => void>(() => {});

/**
 * One polite live region for the console: results of the rows' actions and live news land here,
 * so a screen reader hears them once, whatever part of the page has focus. `initial` is what the
 * server rendered (a result without JavaScript), shown but not announced: it has focus instead.
 */
export function Announcer({ initial, children }: { initial?: string; children: ReactNode }) {
  const [said, setSaid] = useState<{ message?: string; count: number }>({
    message: initial,
    count: 0,
  });
  const announce = useCallback((message: string) => {
    setSaid((previous) => ({ message, count: previous.count + 1 }));
  }, []);
  return (
    <AnnounceContext.Provider value={announce}>
      <p
        className="console-status"
        role="status"
        aria-live="polite"
        // Without JavaScript the result comes as a new page: focus starts at it, not at the top.
        {...(initial ? focusTarget({ autoFocus: true }) : {})}
      >
        {/* A new key per message: the same words said twice are announced twice. */}
        {said.message ? <span key={said.count}>{said.message}</span> : null}
      </p>
      {children}
    </AnnounceContext.Provider>
  );
}

export function useAnnounce(): (message: string) => void {
  return useContext(AnnounceContext);
}
