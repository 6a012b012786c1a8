import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

import type { ApiError } from '../api/api-error';
import { errorStatus, type HttpErrorCode } from '../../shared/schemas/error-codes';

/** For a request that did not all arrive in time, so nothing can have been done with it. */
export const UNFINISHED_MESSAGE =
  'The request did not all arrive in time, so nothing was done with it. Please send it again.';

/** What Node's parser reports, by its error code, as the API's error. */
function refusalOf(code: string | undefined): ApiError & { code: HttpErrorCode } {
  switch (code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return {
        code: 'REQUEST_TIMEOUT',
        message: UNFINISHED_MESSAGE,
      };
    case 'HPE_HEADER_OVERFLOW':
      return {
        code: 'HEADERS_TOO_LARGE',
        message: 'The request headers are larger than the server reads (16 KB).',
      };
    default:
      return { code: 'BAD_REQUEST', message: 'The request is not valid HTTP.' };
  }
}

/**
 * Answers a request Node's HTTP parser refused before any route saw it (not HTTP, headers too
 * large, or not all arrived in time) the way Node does, status and then the connection closes,
 * but with the API's JSON error instead of an empty body, so a client learns what was wrong.
 * Nothing is written over an answer already under way on the connection, and nothing of the
 * request is echoed.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  endWith(socket, refusalOf(error.code));
}

/**
 * Answers a CONNECT, which asks this server to be a proxy: Node would close the connection
 * without a word.
 */
export function refuseTunnel(_req: unknown, socket: Duplex): void {
  endWith(socket, {
    code: 'BAD_REQUEST',
    message: 'This server is not a proxy: CONNECT is not taken.',
  });
}

/** Writes `refusal` as a whole answer on a connection no route holds, and closes it. */
function endWith(socket: Duplex, refusal: ApiError & { code: HttpErrorCode }): void {
  socket.on('error', () => socket.destroy());
  const status = errorStatus(refusal.code);
  const body = JSON.stringify(refusal);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
  // Closed once written, whether or not the client closes its side.
  socket.once('finish', () => socket.destroy());
}
