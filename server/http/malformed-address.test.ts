import http from 'node:http';

import { describe, expect, it } from 'vitest';

import { useApiServer } from '../../test/support/api-server';

const api = await useApiServer();

/** GETs `path` exactly as written: a client's own URL parser might mend it first. */
function get(
  path: string,
  accept: string,
): Promise<{ status?: number; type?: string; body: string }> {
  const { hostname, port } = new URL(api.baseUrl);
  return new Promise((resolve, reject) => {
    const request = http.get({ hostname, port, path, headers: { accept } }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode, type: response.headers['content-type'], body }),
      );
    });
    request.on('error', reject);
  });
}

describe('a page address that is not valid percent-encoding', () => {
  it.each(['/experts/%', '/experts/%E0%A4%A', '/bookings/%ZZ', '/console/%'])(
    '%s is a 400 page saying what is wrong, with a way on',
    async (path) => {
      const answer = await get(path, 'text/html');
      expect(answer.status).toBe(400);
      expect(answer.type).toMatch(/^text\/html/);
      expect(answer.body).toContain('<h1>This address is not valid</h1>');
      expect(answer.body).toContain('<a href="/experts">Browse experts</a>');
    },
  );

  it('is the usual JSON error for a client that does not take HTML', async () => {
    const answer = await get('/experts/%', 'application/json');
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({
      code: 'BAD_REQUEST',
      message: 'The address is not valid: a % must begin an escape like %20.',
    });
  });

  it('leaves a valid escape to the page it names', async () => {
    const answer = await get('/experts/%C3%A9', 'text/html');
    expect(answer.status).not.toBe(400);
    expect(answer.body).not.toContain('This address is not valid');
  });
});
