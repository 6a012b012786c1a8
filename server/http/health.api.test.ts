import mongoose from 'mongoose';
import { inject } from 'vitest';

import { callApi, startApiServer, type ApiServer } from '../../test/support/api-server';
import { capturingLogger, type LogLine } from '../../test/support/capturing-logger';
import { startTcpProxy, type TcpProxy } from '../../test/support/tcp-proxy';

const log = capturingLogger();

let proxy: TcpProxy;
let api: ApiServer;

// The app reaches the database through a proxy the tests can freeze: a server that has gone
// silent without closing its connections, the case a ping must not wait on.
beforeAll(async () => {
  const uri = new URL(inject('mongodbUri'));
  proxy = await startTcpProxy(uri.host);
  uri.host = proxy.address;
  await mongoose.connect(uri.toString(), {
    dbName: `test_health_${process.pid}`,
    autoIndex: false,
    autoCreate: false,
    directConnection: true,
  });
  api = await startApiServer({ logger: log.logger });
});

afterAll(async () => {
  await api.close();
  await mongoose.disconnect();
  await proxy.close();
});

async function readyz() {
  const response = await fetch(`${api.baseUrl}/readyz`);
  return { response, body: (await response.json()) as unknown };
}

describe('GET /healthz', () => {
  it('answers 200 JSON while the process runs', async () => {
    const answer = await callApi(api.baseUrl, '/healthz');
    expect(answer.status).toBe(200);
    expect(answer.contentType).toMatch(/^application\/json/);
    expect(answer.body).toEqual({ status: 'ok' });
  });
});

describe('GET /readyz', () => {
  it('answers 200 JSON when the database answers a ping', async () => {
    const { response, body } = await readyz();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(body).toEqual({ status: 'ready' });
  });

  it('keeps probes out of the info-level request log, unlike other requests', async () => {
    log.clear();
    await callApi(api.baseUrl, '/healthz');
    await readyz();
    await callApi(api.baseUrl, '/api/experts');
    const requestPaths = log
      .parsed<LogLine & { req?: { path: string } }>()
      .flatMap((line) => (line.req ? [line.req.path] : []));
    expect(requestPaths).toEqual(['/api/experts']);
  });

  it('answers 503 DATABASE_UNAVAILABLE with Retry-After, without hanging, while the database is silent', async () => {
    proxy.freeze();
    try {
      const started = Date.now();
      const { response, body } = await readyz();
      // The ping's own short limit, not the driver's server selection timeout.
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('1');
      expect(body).toEqual({
        status: 'unavailable',
        code: 'DATABASE_UNAVAILABLE',
        message: expect.any(String),
      });
    } finally {
      proxy.thaw();
    }
    expect((await readyz()).response.status).toBe(200);
  });

  it('answers 503 once the database connection is closed', async () => {
    await mongoose.connection.close();
    const { response, body } = await readyz();
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(body).toMatchObject({ status: 'unavailable', code: 'DATABASE_UNAVAILABLE' });
  });
});
