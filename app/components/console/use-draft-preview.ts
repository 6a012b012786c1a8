import { useFetcher } from '@remix-run/react';
import { useCallback, useEffect, useRef } from 'react';

import type { LengthPreview } from './availability-preview';

/** Typing pauses this long before the preview is asked for. */
const PAUSE_MS = 400;

/**
 * With JavaScript, the editor's preview follows the fields as they change: after a pause in
 * typing, the rules as they stand go to the preview loader (a GET that stores nothing). `draft`
 * is undefined until then, null while the fields do not make valid rules.
 */
export function useDraftPreview(path: string) {
  const fetcher = useFetcher<{ preview: LengthPreview[] | null }>();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);
  const { load } = fetcher;
  const requestPreview = useCallback(
    (form: HTMLFormElement) => {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        const fields = new URLSearchParams();
        for (const [name, value] of new FormData(form)) {
          // The session's token stays out of addresses, and so out of logs.
          if (name !== 'csrf' && typeof value === 'string') fields.append(name, value);
        }
        load(`${path}?${fields.toString()}`);
      }, PAUSE_MS);
    },
    [load, path],
  );
  return { draft: fetcher.data?.preview, requestPreview };
}
