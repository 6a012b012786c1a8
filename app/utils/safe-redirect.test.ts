import { describe, expect, it } from 'vitest';

import { safeRedirectPath } from './safe-redirect';

describe('safeRedirectPath', () => {
  it('keeps paths of this site, with their query and fragment', () => {
    expect(safeRedirectPath('/console')).toBe('/console');
    expect(safeRedirectPath('/console?status=Pending&page=2')).toBe(
      '/console?status=Pending&page=2',
    );
    expect(safeRedirectPath('/console/experts/abc#top')).toBe('/console/experts/abc#top');
  });

  it.each([
    ['nothing', undefined],
    ['an empty string', ''],
    ['a list', ['/console']],
    ['a protocol-relative address', '//evil.example/console'],
    ['a backslash trick', '/\\evil.example'],
    ['a tab trick', '/\t/evil.example'],
    ['a full address', 'https://evil.example/console'],
    ['a script', 'javascript:alert(1)'],
    ['a relative path', 'console'],
  ])('falls back to the console for %s', (_name, value) => {
    expect(safeRedirectPath(value)).toBe('/console');
  });
});
