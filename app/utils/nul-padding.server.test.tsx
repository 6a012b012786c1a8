import { PassThrough, type Transform } from 'node:stream';
import { text } from 'node:stream/consumers';

import type { ReactElement } from 'react';
import { renderToPipeableStream } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import { withoutNulPadding } from './nul-padding.server';

/** What React streams for `element`, through `output`. */
function rendered(element: ReactElement, output: Transform): Promise<string> {
  return new Promise((resolve, reject) => {
    const { pipe } = renderToPipeableStream(element, {
      onAllReady() {
        pipe(output);
        text(output).then(resolve, reject);
      },
      onError: reject,
    });
  });
}

describe('the page stream', () => {
  // Many short texts of three-byte characters go through React's 2 KB buffer: one of them
  // falls across its end.
  const stars = Array.from({ length: 1_000 }, (_, index) => <b key={index}>☆</b>);
  const page = <p>{stars}</p>;

  it('carries NUL padding where a character did not fit in React’s buffer', async () => {
    expect(await rendered(page, new PassThrough())).toContain('\u0000');
  });

  it('loses the padding through withoutNulPadding, and keeps every character', async () => {
    expect(await rendered(page, withoutNulPadding())).toBe(`<p>${'<b>☆</b>'.repeat(1_000)}</p>`);
  });
});
