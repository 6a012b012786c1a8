import { describe, expect, it } from 'vitest';

import { readViewerZone } from './viewer-zone.server';

const PAGE = 'http://localhost/experts/665f1c2e9b1e8a3d4c5b6a79';

function request(search = '', cookie?: string): Request {
  return new Request(`${PAGE}${search}`, { headers: cookie ? { cookie } : {} });
}

/** The `name=value` part of a Set-Cookie header, as the browser sends it back. */
function sentBack(setCookie: string | undefined): string {
  return (setCookie ?? '').split(';')[0]!;
}

describe('readViewerZone', () => {
  it('is UTC when nothing was chosen', async () => {
    expect(await readViewerZone(request())).toEqual({ zone: 'UTC' });
  });

  it('takes a zone chosen with ?tz= and remembers it in a long-lived, page-wide cookie', async () => {
    const chosen = await readViewerZone(request('?tz=America/New_York&day=2030-03-05'));
    expect(chosen.zone).toBe('America/New_York');
    expect(chosen.setCookie).toMatch(/^tz=.+; Max-Age=31536000; Path=\/; HttpOnly; SameSite=Lax$/);

    const later = await readViewerZone(request('', sentBack(chosen.setCookie)));
    expect(later).toEqual({ zone: 'America/New_York' });
    // A new choice wins over the remembered one.
    const changed = await readViewerZone(request('?tz=Asia/Tokyo', sentBack(chosen.setCookie)));
    expect(changed.zone).toBe('Asia/Tokyo');
  });

  it('ignores zones that do not exist, in the query or in the cookie', async () => {
    expect(await readViewerZone(request('?tz=Mars/Olympus_Mons'))).toEqual({ zone: 'UTC' });
    expect(await readViewerZone(request(`?tz=${'A'.repeat(100)}`))).toEqual({ zone: 'UTC' });
    expect(await readViewerZone(request('', 'tz=not-base64-json'))).toEqual({ zone: 'UTC' });
    const forged = `tz=${Buffer.from(JSON.stringify('Nowhere/City')).toString('base64')}`;
    expect(await readViewerZone(request('', forged))).toEqual({ zone: 'UTC' });
  });
});
