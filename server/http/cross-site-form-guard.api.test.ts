import { useApiServer } from '../../test/support/api-server';
import { capturingLogger } from '../../test/support/capturing-logger';

const log = capturingLogger();
const api = await useApiServer({ logger: log.logger });

function postForm(path: string, headers: Record<string, string>) {
  return fetch(`${api.baseUrl}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: 'email=someone%40example.com&password=guess',
  });
}

describe('a form posted to a page from another site', () => {
  it('is refused with a 403 page, logged as information, never as an error', async () => {
    log.clear();
    for (const origin of ['https://evil.example', 'null', 'not a url']) {
      const response = await postForm('/login', { origin, accept: 'text/html' });
      expect(response.status, origin).toBe(403);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await response.text()).toMatch(/This form came from another site/);
    }
    expect(log.parsed().filter((line) => line.level >= 50)).toEqual([]);
    expect(
      log.parsed().filter((line) => line.msg === 'form from another site refused'),
    ).toHaveLength(3);
  });

  it('answers a client that takes no HTML (a Remix data request) with JSON', async () => {
    const response = await postForm('/bookings?index&_data=routes%2Fbookings._index', {
      'sec-fetch-site': 'cross-site',
      accept: '*/*;q=0',
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('lets forms of this site through, as the forwarded host names it', async () => {
    const same = await postForm('/login', { origin: api.baseUrl });
    const forwarded = await postForm('/login', {
      origin: 'https://booking.example',
      'x-forwarded-host': 'booking.example',
    });
    const noOrigin = await postForm('/login', {});
    // The API tests' page stub answers what reaches the pages.
    for (const response of [same, forwarded, noOrigin]) {
      await response.body?.cancel();
      expect(response.status).toBe(404);
    }
  });
});
