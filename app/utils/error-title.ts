import type { MetaArgs } from '@remix-run/node';
import { useEffect } from 'react';

/**
 * "Error: " before the title of a page that shows a refused form (WCAG 2.4.2): the tab and a
 * screen reader's first words say that the form did not go through
 * (docs/decisions/016-focus-model.md).
 *
 * Without JavaScript the refusal is a new document: the server marks the request whose action
 * answered 4xx (`server/refused-forms.ts`), the root loader passes the mark on, and each route's
 * `meta` writes its title through `titleAfterForm`. With JavaScript no document loads, and the
 * part of the page that shows the refusal calls `useErrorTitle` while it does.
 */

const PREFIX = 'Error: ';

/** What the root loader says about the form this document answers. */
export interface RefusedFormMark {
  refusedForm: boolean;
}

function isMark(data: unknown): data is RefusedFormMark {
  return typeof data === 'object' && data !== null && 'refusedForm' in data;
}

/**
 * A route's title, with "Error: " before it when the document is the server's answer to a
 * refused form. The mark is the root loader's, which the browser keeps across navigations
 * without a load, so it counts only for the document as the server drew it (the history entry
 * whose key is "default"); after that `useErrorTitle` keeps the title.
 */
export function titleAfterForm(
  title: string,
  { matches, location }: Partial<Pick<MetaArgs, 'matches' | 'location'>>,
): string {
  const root = matches?.find((match) => match.id === 'root')?.data;
  const refused = isMark(root) && root.refusedForm && location?.key === 'default';
  return refused ? `${PREFIX}${title}` : title;
}

/** The title this page had before `useErrorTitle` added "Error: ", while one shows a refusal. */
let shown: { count: number; plain: string; prefixed: string } | null = null;

/**
 * While `refused` is true, the page's title starts with "Error: ". Call it in what shows a refused
 * form (an error summary, a row's failure). The title is put back when the last refusal shown
 * goes away, unless a navigation has given the page another title by then.
 */
export function useErrorTitle(refused: boolean): void {
  useEffect(() => {
    if (!refused) return;
    if (shown) shown.count += 1;
    else {
      const current = document.title;
      const plain = current.startsWith(PREFIX) ? current.slice(PREFIX.length) : current;
      shown = { count: 1, plain, prefixed: `${PREFIX}${plain}` };
      document.title = shown.prefixed;
    }
    return () => {
      if (!shown) return;
      shown.count -= 1;
      if (shown.count > 0) return;
      if (document.title === shown.prefixed) document.title = shown.plain;
      shown = null;
    };
  }, [refused]);
}
