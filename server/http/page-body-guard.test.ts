import { request, type IncomingMessage } from 'node:http';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';

import { startE2eServer, type E2eServer } from '../../test/support/e2e-server';
import { PAGE_BODY_LIMIT_BYTES } from './page-body-guard';

/**
 * Page POSTs against the whole app (Express, the Remix build, a seeded database): only forms of a
 * sensible size reach Remix, and every refusal is a short sentence, never an error page or a 500.
 */

let server: E2eServer;
let expertPath: string;

beforeAll(async () => {
  server = await startE2eServer(inject('mongodbUri'));
  const response = await fetch(`${server.url}/api/experts?limit=1`);
  const { data } = (await response.json()) as { data: { id: string }[] };
  expertPath = `/experts/${data[0]!.id}`;
});

afterAll(async () => {
  await server?.close();
});

interface Answer {
  status: number;
  contentType: string | undefined;
  text: string;
}

function readAnswer(response: IncomingMessage): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let text = '';
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => (text += chunk));
    response.on('end', () =>
      resolve({
        status: response.statusCode ?? 0,
        contentType: response.headers['content-type'],
        text,
      }),
    );
    response.on('error', reject);
  });
}

/**
 * Sends the headers and at most `firstChunk` of the body, then waits for the answer without
 * sending the rest: a server that insists on reading the whole body never answers.
 */
function postPartly(
  path: string,
  headers: Record<string, string>,
  firstChunk: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { method: 'POST', headers }, (response) => {
      readAnswer(response).then((answer) => {
        req.destroy();
        resolve(answer);
      }, reject);
    });
    // The server may close the connection while we still write; its answer is what counts.
    req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
    req.write(firstChunk);
  });
}

async function post(path: string, contentType: string, body: string): Promise<Answer> {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
    redirect: 'manual',
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? undefined,
    text: await response.text(),
  };
}

function expectPlainSentence(answer: Answer) {
  expect(answer.contentType).toMatch(/^text\/plain/);
  expect(answer.text.trim()).toMatch(/^[A-Z][^\n]{10,80}\.$/);
}

describe('page POSTs', () => {
  it.each([
    ['text/plain', 'name=Ada'],
    ['application/json', '{"name":"Ada"}'],
  ])('refuses a %s body with 415', async (contentType, body) => {
    const answer = await post(expertPath, contentType, body);

    expect(answer.status).toBe(415);
    expectPlainSentence(answer);
  });

  it.each(['PUT', 'DELETE', 'PATCH', 'OPTIONS'])(
    'refuses %s with 405, naming the methods a page takes',
    async (method) => {
      const response = await fetch(`${server.url}${expertPath}`, {
        method,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: method === 'OPTIONS' ? undefined : 'name=Ada',
      });

      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, HEAD, POST');
      expectPlainSentence({
        status: response.status,
        contentType: response.headers.get('content-type') ?? undefined,
        text: await response.text(),
      });
    },
  );

  it('leaves the API to its own rules, however its address is spelled', async () => {
    for (const path of ['/api/bookings', '/API/Bookings', '/api//bookings']) {
      const answer = await post(path, 'application/json', '{}');
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.text)).toMatchObject({ code: 'VALIDATION_ERROR' });
    }
    // Not the API: a page address that merely begins the same way.
    expect((await post('/apis', 'application/json', '{}')).status).toBe(415);
  });

  it('refuses a body without a content type with 415', async () => {
    const answer = await postPartly(expertPath, { 'content-length': '8' }, 'name=Ada');

    expect(answer.status).toBe(415);
    expectPlainSentence(answer);
  });

  it('refuses a form without a Content-Length (a chunked body) with 411', async () => {
    const answer = await postPartly(
      expertPath,
      { 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked' },
      'name=Ada',
    );

    expect(answer.status).toBe(411);
    expectPlainSentence(answer);
  });

  it.each([
    ['application/x-www-form-urlencoded', 'notes='],
    [
      'multipart/form-data; boundary=x',
      '--x\r\nContent-Disposition: form-data; name="notes"\r\n\r\n',
    ],
  ])('answers a 30 MB %s body with 413 before reading it', async (contentType, start) => {
    const answer = await postPartly(
      expertPath,
      { 'content-type': contentType, 'content-length': String(30 * 1024 * 1024) },
      start,
    );

    expect(answer.status).toBe(413);
    expectPlainSentence(answer);
  });

  it('lets a form just under the limit through to the page', async () => {
    const notes = 'a'.repeat(PAGE_BODY_LIMIT_BYTES - 100);
    const answer = await post(
      expertPath,
      'application/x-www-form-urlencoded',
      new URLSearchParams({ name: 'Ada', notes }).toString(),
    );

    // The page's own validation answers: the form lacks an email, a phone and a slot.
    expect(answer.status).toBe(400);
    expect(answer.contentType).toMatch(/^text\/html/);
    expect(answer.text).toContain('Email is required.');
  });

  it('answers a multipart body that is not what it claims with 400, not a 500', async () => {
    const answer = await post(
      expertPath,
      'multipart/form-data; boundary=expected',
      '--other\r\nContent-Disposition: form-data; name="name"\r\n\r\nAda\r\n--other--\r\n',
    );

    expect(answer.status).toBe(400);
    expect(answer.text).not.toMatch(/\bat .+:\d+:\d+/);
  });
});
