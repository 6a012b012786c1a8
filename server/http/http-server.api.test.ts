import net from 'node:net';

import { useApiServer } from '../../test/support/api-server';

const TIMEOUTS = {
  headersTimeoutMs: 1_000,
  requestTimeoutMs: 2_000,
  keepAliveTimeoutMs: 500,
  checkIntervalMs: 100,
};
const IDLE_CONNECTIONS = 300;
/** Generous bounds: these say "did not hang", not how fast. */
const ANSWER_BOUND_MS = 5_000;
const CLOSE_BOUND_MS = 10_000;

const api = await useApiServer({ serverTimeouts: TIMEOUTS });
const { hostname, port } = new URL(api.baseUrl);

interface RawConnection {
  socket: net.Socket;
  received: () => string;
  closed: Promise<void>;
}

async function connect(): Promise<RawConnection> {
  const socket = net.connect(Number(port), hostname);
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return { socket, received: () => received, closed };
}

function withinBound<T>(promise: Promise<T>, boundMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took over ${boundMs} ms`)), boundMs);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Sends `request` on a connection of its own; resolves with all that came back once it closed. */
async function exchange(request: string, closing = 'closing the connection'): Promise<string> {
  const client = await connect();
  client.socket.write(request);
  await withinBound(client.closed, CLOSE_BOUND_MS, closing);
  return client.received();
}

/** The JSON body of a raw HTTP answer. */
function bodyOf(received: string): unknown {
  return JSON.parse(received.slice(received.indexOf('\r\n\r\n') + 4));
}

describe('server timeouts', () => {
  it(`answers a normal request while ${IDLE_CONNECTIONS} idle connections are open, then closes them`, async () => {
    const idle = await Promise.all(Array.from({ length: IDLE_CONNECTIONS }, connect));
    try {
      const response = await fetch(`${api.baseUrl}/api/experts`, {
        signal: AbortSignal.timeout(ANSWER_BOUND_MS),
      });
      expect(response.status).toBe(200);
      await response.arrayBuffer();

      await withinBound(
        Promise.all(idle.map((connection) => connection.closed)),
        CLOSE_BOUND_MS,
        'closing the idle connections',
      );
      expect(idle.every((connection) => connection.received().startsWith('HTTP/1.1 408'))).toBe(
        true,
      );
    } finally {
      for (const connection of idle) connection.socket.destroy();
    }
  });

  it('closes a connection that sends its headers too slowly', async () => {
    const slow = await connect();
    slow.socket.write('GET /api/experts HTTP/1.1\r\nHost: localhost\r\n');
    const trickle = setInterval(() => slow.socket.write('X-Slow: 1\r\n'), 200);
    try {
      await withinBound(slow.closed, CLOSE_BOUND_MS, 'closing the slow connection');
    } finally {
      clearInterval(trickle);
    }
    expect(slow.received()).toMatch(/^HTTP\/1\.1 408/);
    expect(bodyOf(slow.received())).toEqual({
      code: 'REQUEST_TIMEOUT',
      message:
        'The request did not all arrive in time, so nothing was done with it. Please send it again.',
    });
  });

  it('closes a kept-alive connection that stays idle after its answer', async () => {
    const received = await exchange(
      'GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n',
      'closing the kept-alive connection',
    );
    expect(received).toMatch(/^HTTP\/1\.1 200/);
    expect(received).toMatch(/Keep-Alive: timeout=\d+/i);
    // One answer only: no second status line (a 408) after the 200.
    expect(received.match(/^HTTP\/1\.1 \d{3}/gm)).toEqual(['HTTP/1.1 200']);
  });
});

describe('an answer sent before its request’s body all arrived', () => {
  it.each([
    ['refused by its method (405)', 'POST /api/experts'],
    ['refused by its target (400)', 'POST http://elsewhere.example/api/bookings'],
  ])('is the only answer on its connection, which closes: %s', async (_, requestLine) => {
    const client = await connect();
    client.socket.write(
      `${requestLine} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n` +
        'Content-Length: 100\r\n\r\n{"a":',
    );
    const trickle = setInterval(() => client.socket.write(' '), 200);
    try {
      // Closed with its answer, not by the server's request timeout with a second one.
      await withinBound(client.closed, TIMEOUTS.requestTimeoutMs, 'closing the connection');
    } finally {
      clearInterval(trickle);
    }
    expect(client.received().match(/^HTTP\/1\.1 \d{3}/gm)).toHaveLength(1);
    expect(client.received()).toMatch(/\r\nConnection: close\r\n/i);
  });
});

describe('requests the HTTP parser refuses', () => {
  it('answers one that is not HTTP with 400 and the API error, without echoing it, and closes', async () => {
    const received = await exchange('HELLO <script>alert(1)</script>\r\n\r\n');

    expect(received).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(received).toMatch(/\r\nContent-Type: application\/json; charset=utf-8\r\n/);
    expect(received).not.toContain('script');
    expect(bodyOf(received)).toEqual({
      code: 'BAD_REQUEST',
      message: 'The request is not valid HTTP.',
    });
  });

  it('answers a CONNECT with 400 and the API error, and closes: this is no proxy', async () => {
    const received = await exchange(
      'CONNECT elsewhere.example:443 HTTP/1.1\r\nHost: elsewhere.example:443\r\n\r\n',
    );

    expect(received).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(bodyOf(received)).toEqual({
      code: 'BAD_REQUEST',
      message: 'This server is not a proxy: CONNECT is not taken.',
    });
  });

  it('answers headers larger than it reads with 431 and the API error, and closes', async () => {
    const received = await exchange(
      `GET /api/experts HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );

    expect(received).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    expect(bodyOf(received)).toEqual({
      code: 'HEADERS_TOO_LARGE',
      message: 'The request headers are larger than the server reads (16 KB).',
    });
  });

  it('never writes over an answer under way: a bad request sent right behind a good one closes the connection after the good answer', async () => {
    const received = await exchange(
      'GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\nNOT HTTP\r\n\r\n',
    );

    expect(received.match(/^HTTP\/1\.1 \d{3}/gm)).toEqual(['HTTP/1.1 200']);
  });
});
