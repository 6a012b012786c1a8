import { createServer, type RequestListener, type Server } from 'node:http';

import { answerClientError, refuseTunnel } from './client-errors';

export interface ServerTimeouts {
  /** From a connection's start (or the end of its last answer) to a request's complete headers. */
  headersTimeoutMs: number;
  /** To receive a whole request, body included. */
  requestTimeoutMs: number;
  /** How long a kept-alive connection may wait, idle, for its next request. */
  keepAliveTimeoutMs: number;
  /** How often the two limits above are checked: the slack on each. */
  checkIntervalMs: number;
}

/**
 * Room for the largest body the app takes (an expert's availability rules, 256 KB; a page's form
 * is 32 KB at most) twice over: a request's stream may buffer this much before it is read.
 */
export const REQUEST_BUFFER_BYTES = 512 * 1024;

/**
 * Node's own defaults let a connection that sends nothing, or its headers a byte at a time, hold a
 * socket for a minute and a request for five, checked every 30 s. Ours are short enough that slow
 * or idle connections are closed (408) long before they add up, and long enough for any real
 * client: request bodies are small (16 kB at most), and the database work a request may cause
 * has its own limit (REQUEST_TIMEOUT_MS) that starts once the request is in. No cap on the number
 * of connections: idle ones are closed by these limits anyway, and a cap would let them lock out
 * real clients. Web sockets leave the HTTP server when upgraded; these limits do not touch them.
 */
export const SERVER_TIMEOUTS: ServerTimeouts = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  checkIntervalMs: 1_000,
};

/** The HTTP server the app (and Socket.io, which shares it) runs on, with its limits set. */
export function createHttpServer(
  listener: RequestListener,
  timeouts: ServerTimeouts = SERVER_TIMEOUTS,
): Server {
  const server = createServer(
    {
      headersTimeout: timeouts.headersTimeoutMs,
      requestTimeout: timeouts.requestTimeoutMs,
      keepAliveTimeout: timeouts.keepAliveTimeoutMs,
      connectionsCheckingInterval: timeouts.checkIntervalMs,
      // Node's own refusal of a request without Host is an empty 400: requestTargetGuard says why.
      requireHostHeader: false,
      // Each request's stream holds its whole body until it is read, so admission can wait for a
      // body to arrive without reading it (body-arrival.ts): above every body the app takes.
      highWaterMark: REQUEST_BUFFER_BYTES,
    },
    listener,
  );
  server.on('clientError', answerClientError);
  server.on('connect', refuseTunnel);
  return server;
}
