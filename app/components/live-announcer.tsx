import { useEffect, useRef } from 'react';

/**
 * The page's one polite live region, and `announce()` to speak through it.
 *
 * Screen readers only read changes to a live region they already watch, so the region is part of
 * the layout from the server's first byte, empty, and a message is put into it later: a region
 * rendered together with its message is usually not read at all.
 */

const REGION_ID = 'live-announcer';

/**
 * Says `message` politely, once, for a change that did not move focus (a status, a count, a
 * result). What moved focus needs no announcement: the focused element is read. An empty
 * message empties the region.
 */
export function announce(message: string): void {
  const region = document.getElementById(REGION_ID);
  if (!region) return;
  // A new node per message: screen readers notice an added node, even one with the same words.
  const said = document.createElement('span');
  said.textContent = message;
  said.dataset.href = window.location.href;
  region.replaceChildren(...(message ? [said] : []));
}

/**
 * Empties the region of news told at another address: after a navigation it is news of the page
 * or step left. What a page announced as it arrived here stays.
 */
export function clearOldAnnouncement(): void {
  const said = document.getElementById(REGION_ID)?.firstElementChild;
  if (said instanceof HTMLElement && said.dataset.href !== window.location.href) said.remove();
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

/**
 * Rendered once, in the root layout: every page shares it. React renders it empty and never
 * touches its content again; only `announce()` writes there.
 */
export function LiveAnnouncer() {
  return (
    // No role="status": a page may have a status of its own (a results count, a slot notice),
    // and this region is the page's, not one of its parts.
    <div id={REGION_ID} className="visually-hidden" aria-live="polite" aria-atomic="true" />
  );
}
