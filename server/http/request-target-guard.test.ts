import http from 'node:http';

import { describe, expect, it } from 'vitest';

import { useApiServer } from '../../test/support/api-server';

const api = await useApiServer();

/** Sends `target` as the request line's target, as a client talking to a proxy would. */
function requestWithTarget(
  method: string,
  target: string,
): Promise<{ status?: number; body: string }> {
  const { hostname, port } = new URL(api.baseUrl);
  return new Promise((resolve, reject) => {
    const request = http.request({ hostname, port, method, path: target }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

describe('a request target that is not a path', () => {
  it.each([
    ['GET', 'http://evil.example/experts'],
    ['GET', 'http://127.0.0.1/api/experts'],
    ['GET', '*'],
    ['OPTIONS', '*'],
  ])('%s %s is refused with 400 and a sentence, never a 500', async (method, target) => {
    const answer = await requestWithTarget(method, target);
    expect(answer).toEqual({
      status: 400,
      body: 'The request target must be a path, like /experts.\n',
    });
  });

  it('leaves paths alone', async () => {
    expect((await requestWithTarget('GET', '/api/experts')).status).toBe(200);
  });
});
