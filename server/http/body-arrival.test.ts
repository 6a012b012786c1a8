import type { IncomingMessage } from 'node:http';
import net from 'node:net';

import { API_ROUTES, AVAILABILITY_BODY_LIMIT_BYTES } from '../api/routes';
import { BODY_LIMIT_BYTES } from '../api/router';
import { whenBodyArrived } from './body-arrival';
import { createHttpServer, REQUEST_BUFFER_BYTES } from './http-server';
import { PAGE_BODY_LIMIT_BYTES } from './page-body-guard';

interface Seen {
  /** Whether `whenBodyArrived` called back before returning. */
  atOnce: boolean;
  /** Bytes of the body in the request's buffer when it called back. */
  buffered: number;
  /** Whether the body had all arrived then. */
  complete: boolean;
  /** The whole body, read afterwards as a body parser would. */
  body: string;
}

/** A server that waits for each body to arrive, then reads it; `seen` resolves per request. */
async function startServer() {
  const seen: ((value: Seen) => void)[] = [];
  const server = createHttpServer((req: IncomingMessage, res) => {
    const report = seen.shift()!;
    let returned = false;
    whenBodyArrived(req, () => {
      const arrived = {
        atOnce: !returned,
        buffered: req.readableLength,
        complete: req.complete,
      };
      let body = '';
      req.setEncoding('latin1').on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        report({ ...arrived, body });
        res.end('ok');
      });
    });
    returned = true;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    /** Opens a connection and sends `head`; the next request the server gets reports to `seen`. */
    connect(head: string) {
      const answer = new Promise<Seen>((resolve) => seen.push(resolve));
      const socket = net.connect(port, '127.0.0.1');
      socket.on('error', () => undefined);
      socket.write(head);
      return { socket, answer };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const server = await startServer();
afterAll(() => server.close());

const post = (headers: string) =>
  `POST /x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n${headers}\r\n`;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('whenBodyArrived', () => {
  it('goes on at once for a request without a body', async () => {
    const { answer } = server.connect(
      'GET /x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n',
    );
    expect(await answer).toMatchObject({ atOnce: true, buffered: 0, body: '' });
  });

  it('waits for the last byte of a body sent in pieces, then hands all of it to its reader', async () => {
    const body = `name=${'a'.repeat(2_000)}`;
    const { socket, answer } = server.connect(post(`Content-Length: ${body.length}\r\n`));
    let called = false;
    void answer.then(() => (called = true));
    for (let start = 0; start < body.length; start += 500) {
      socket.write(body.slice(start, start + 500));
      await pause(30);
      if (start + 500 < body.length) expect(called).toBe(false);
    }
    expect(await answer).toEqual({ atOnce: false, buffered: body.length, complete: true, body });
  });

  it('waits for the end of a chunked body', async () => {
    const { socket, answer } = server.connect(post('Transfer-Encoding: chunked\r\n'));
    socket.write('5\r\nhello\r\n');
    await pause(50);
    socket.write('6\r\n world\r\n0\r\n\r\n');
    expect(await answer).toMatchObject({ atOnce: false, complete: true, body: 'hello world' });
  });

  it('goes on at once for a body said to be larger than the buffer: its reader refuses it', async () => {
    const length = REQUEST_BUFFER_BYTES + 1;
    const { socket, answer } = server.connect(post(`Content-Length: ${length}\r\n`));
    socket.end('x'.repeat(length));
    expect(await answer).toMatchObject({ atOnce: true, body: 'x'.repeat(length) });
  });

  it('goes on once the buffer is full for a chunked body that grows larger', async () => {
    const { socket, answer } = server.connect(post('Transfer-Encoding: chunked\r\n'));
    const chunk = 'y'.repeat(64 * 1024);
    const chunks = REQUEST_BUFFER_BYTES / chunk.length + 2;
    for (let sent = 0; sent < chunks; sent += 1) {
      socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    }
    socket.end('0\r\n\r\n');
    const arrived = await answer;
    expect(arrived).toMatchObject({ atOnce: false, complete: false });
    expect(arrived.buffered).toBeGreaterThanOrEqual(REQUEST_BUFFER_BYTES);
    expect(arrived.body).toBe(chunk.repeat(chunks));
  });

  it('holds more than any body the app takes', () => {
    const largest = Math.max(
      BODY_LIMIT_BYTES,
      PAGE_BODY_LIMIT_BYTES,
      AVAILABILITY_BODY_LIMIT_BYTES,
      ...API_ROUTES.map((route) => route.body?.limitBytes ?? 0),
    );
    expect(largest).toBeLessThan(REQUEST_BUFFER_BYTES);
  });
});
