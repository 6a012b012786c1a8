import { useEffect, useRef, useSyncExternalStore } from 'react';

/**
 * The page's one polite live region, and `announce()` to speak through it.
 *
 * Screen readers only read changes to a live region they already watch, so the region is part of
 * the layout from the server's first byte, empty, and a message is put into it later: a region
 * rendered together with its message is usually not read at all.
 */

interface Said {
  message: string;
  /** Grows with every message, so the same words said twice are announced twice. */
  count: number;
}

const EMPTY: Said = { message: '', count: 0 };
let said: Said = EMPTY;
const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/**
 * Says `message` politely, once, for a change that did not move focus (a status, a count, a
 * result). What moved focus needs no announcement: the focused element is read. An empty
 * message empties the region.
 */
export function announce(message: string): void {
  said = { message, count: said.count + 1 };
  for (const listener of listeners) listener();
}

/**
 * Announces `message` whenever `key` takes a new value after the page was first shown (a save's
 * time, a result's id). Call it above anything keyed by `key`, which starts afresh each time.
 */
export function useAnnounceWhenChanged(key: string | null | undefined, message: string): void {
  const shown = useRef(key);
  useEffect(() => {
    if (shown.current === key) return;
    shown.current = key;
    if (key) announce(message);
  }, [key, message]);
}

/** Rendered once, in the root layout: every page shares it. */
export function LiveAnnouncer() {
  const current = useSyncExternalStore(
    subscribe,
    () => said,
    () => EMPTY,
  );
  return (
    // No role="status": a page may have a status of its own (a results count, a slot notice),
    // and this region is the page's, not one of its parts.
    <div id="live-announcer" className="visually-hidden" aria-live="polite" aria-atomic="true">
      {/* A new key per message: a new node is what screen readers notice, even for equal text. */}
      {current.message ? <span key={current.count}>{current.message}</span> : null}
    </div>
  );
}
