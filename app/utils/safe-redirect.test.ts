import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { safeRedirectPath } from './safe-redirect';

const SITE = 'https://booking.example';

/** What a browser on this site would do with the answer as a `Location`. */
function staysOnSite(location: string): boolean {
  const url = new URL(location, `${SITE}/login`);
  return url.origin === SITE && location.startsWith('/') && !/^\/[/\\]/.test(location);
}

describe('safeRedirectPath', () => {
  it('keeps paths of this site, with their query and fragment', () => {
    expect(safeRedirectPath('/console')).toBe('/console');
    expect(safeRedirectPath('/console?status=Pending&page=2')).toBe(
      '/console?status=Pending&page=2',
    );
    expect(safeRedirectPath('/console/experts/abc#top')).toBe('/console/experts/abc#top');
    expect(safeRedirectPath('/console/../bookings')).toBe('/bookings');
    expect(safeRedirectPath('/console/%2F%2Fevil.example')).toBe('/console/%2F%2Fevil.example');
  });

  it.each([
    ['nothing', undefined],
    ['an empty string', ''],
    ['a list', ['/console']],
    ['a protocol-relative address', '//evil.example/console'],
    ['a backslash trick', '/\\evil.example'],
    ['a tab trick', '/\t/evil.example'],
    ['a newline trick', '/\n/evil.example'],
    ['a carriage return trick', '/\r/evil.example'],
    ['a full address', 'https://evil.example/console'],
    ['a script', 'javascript:alert(1)'],
    ['a relative path', 'console'],
    ['a dot segment before a double slash', '/..//evil.example/phish'],
    ['a dot segment before a backslash', '/../\\evil.example'],
    ['a dot segment before a double slash, deeper', '/a/b/../../..//evil.example'],
    ['an encoded dot segment', '/%2e%2e//evil.example'],
    ['an upper-case encoded dot segment', '/%2E%2E//evil.example'],
    ['a dot before a double slash', '/.//evil.example'],
    ['a NUL character', '/console\0'],
    ['a form feed', '/\f/evil.example'],
  ])('falls back to the console for %s', (_name, value) => {
    expect(safeRedirectPath(value)).toBe('/console');
  });

  it('turns the reported redirectTo into the console once decoded', () => {
    const redirectTo = new URLSearchParams('redirectTo=%2F..%2F%2Fevil.example%2Fphish').get(
      'redirectTo',
    );
    expect(safeRedirectPath(redirectTo)).toBe('/console');
  });

  it('always answers a path of this site, and the same path when asked again', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        '/',
        '//',
        '\\',
        '.',
        '..',
        '%2e',
        '%2E%2e',
        '%2F',
        '%2f',
        '%5C',
        '%5c',
        '%09',
        '%0a',
        '%00',
        '\t',
        '\n',
        '\r',
        ' ',
        '\0',
        '\u2028',
        '\uff0f',
        'evil.example',
        'console',
        'http:',
        'javascript:',
        ':',
        '@',
        '?',
        '#',
        '&',
        '=',
      ),
      fc.string({ maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), (pieces) => {
        const result = safeRedirectPath(pieces.join(''));
        expect(staysOnSite(result)).toBe(true);
        expect(safeRedirectPath(result)).toBe(result);
      }),
      { numRuns: 5000, seed: 19 },
    );
  });
});
