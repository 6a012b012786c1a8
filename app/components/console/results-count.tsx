import { useLocation } from '@remix-run/react';
import { useEffect, useRef } from 'react';

import { useAnnounce } from './announcer';

/**
 * How many bookings the filters found. With JavaScript new filters or another page change the
 * table in place, with focus left on the button pressed, so the new count is said through the
 * console's live region (which exists before it); the first count is simply on the page.
 */
export function ResultsCount({ text }: { text: string }) {
  const announce = useAnnounce();
  const { search } = useLocation();
  const shown = useRef(search);
  useEffect(() => {
    if (shown.current === search) return;
    shown.current = search;
    announce(text);
  }, [search, text, announce]);
  return <p className="results__count">{text}</p>;
}
