import { useLocation, useNavigationType } from '@remix-run/react';
import { useEffect, useRef } from 'react';

import { clearOldAnnouncement } from '../components/live-announcer';

/**
 * Where focus goes after a person's action (docs/decisions/016-focus-model.md).
 *
 * With JavaScript on, Remix swaps pages without a load, so the browser moves focus nowhere: it
 * stays on the link that was followed, or falls to the page's body when that link went away.
 * `useFocusAfterNavigation`, called once by the root layout, moves it to the page's focus target
 * instead. Without JavaScript every page is a fresh load that starts at the top, as it should,
 * except an answer with errors, whose summary focuses itself on load (`autoFocus`).
 */

const ATTRIBUTE = 'data-focus-target';

/**
 * Marks the element that takes focus when its page or step appears: the page's `h1`, a step's
 * title, the message that replaced a form, or an error summary. When several are marked, the
 * last in the page wins: a step below the page's heading, a summary above a form, are the more
 * specific. `autoFocus` also focuses it on a page load (the server's answer with errors, which
 * has no JavaScript to move focus).
 */
export function focusTarget({ autoFocus = false }: { autoFocus?: boolean } = {}) {
  return { tabIndex: -1, [ATTRIBUTE]: '', ...(autoFocus ? { autoFocus: true } : {}) } as const;
}

interface FocusState {
  focus: string;
}

/**
 * A link's `state` that names, by id, where focus goes once it is followed. For links that
 * change a part of the same page (the next page of results) while they themselves stay.
 */
export function focusAfter(id: string): FocusState {
  return { focus: id };
}

/** The element a new page or step gives focus to; exported for its tests. */
export function findFocusTarget(): HTMLElement | null {
  const marked = document.querySelectorAll<HTMLElement>(`[${ATTRIBUTE}]`);
  const last = marked[marked.length - 1];
  if (last) return last;
  return (
    document.querySelector<HTMLElement>('main h1') ?? document.querySelector<HTMLElement>('main')
  );
}

/** Focuses a heading or message too, without making it a Tab stop. */
function focusElement(element: HTMLElement, preventScroll: boolean) {
  if (!element.hasAttribute('tabindex')) element.tabIndex = -1;
  element.focus({ preventScroll });
}

function focusLost(): boolean {
  const focused = document.activeElement;
  return !focused || focused === document.body || !focused.isConnected;
}

/**
 * The control that had focus, drawn anew: a page that starts a form afresh after a save (keyed by
 * the save) replaces the field or button a person was on with one of the same id, which is, to
 * them, the same control.
 */
function redrawn(lost: Element | null): HTMLElement | null {
  if (!lost || lost.isConnected || !lost.id) return null;
  return document.getElementById(lost.id);
}

/**
 * Called once, by the root layout. After each navigation (a link, a form's answer, a redirect,
 * Back): focus goes to the element a link asked for; else, on a new page, to its focus target;
 * else (the same page with another address: a day, a search as it is typed, an error, a save) it
 * stays where it is, unless the element that had it went away, when it goes to that element drawn
 * anew (same id), or else to the focus target.
 */
export function useFocusAfterNavigation(): void {
  const location = useLocation();
  const navigationType = useNavigationType();
  const shown = useRef(location);
  const lastFocused = useRef<Element | null>(null);

  useEffect(() => {
    const remember = (event: FocusEvent) => {
      if (event.target instanceof Element) lastFocused.current = event.target;
    };
    document.addEventListener('focusin', remember);
    return () => document.removeEventListener('focusin', remember);
  }, []);

  useEffect(() => {
    const before = shown.current;
    shown.current = location;
    if (before.key === location.key) return;
    clearOldAnnouncement();
    const newPage = before.pathname !== location.pathname;
    const asked = (location.state as Partial<FocusState> | null)?.focus;
    const target = asked
      ? document.getElementById(asked)
      : newPage
        ? findFocusTarget()
        : focusLost()
          ? (redrawn(lastFocused.current) ?? findFocusTarget())
          : null;
    // Back and Forward put the page back where it was scrolled: focus must not move it.
    if (target) focusElement(target, navigationType === 'POP');
  }, [location, navigationType]);
}
