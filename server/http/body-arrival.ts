import type { IncomingMessage } from 'node:http';

/** Whether the request carries a body at all (RFC 9112 §6.3: only by one of these headers). */
export function hasBody(req: IncomingMessage): boolean {
  return (
    req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined
  );
}

function declaredLength(req: IncomingMessage): number {
  return Number(req.headers['content-length'] ?? 0);
}

/**
 * Calls `then` once the request's body has all arrived, without reading a byte of it: Node's
 * parser buffers a body in the request's stream until someone reads it, and marks the request
 * `complete` when the last byte is in. Whoever reads the body afterwards (the JSON parser, Remix)
 * finds it all there, as if nothing had waited. A body larger than the stream's buffer (the
 * server's `highWaterMark`, above every body the app takes) would stop the parser before its end,
 * so `then` is called at once for a body said to be larger, and once the buffer is full for one
 * that grows larger: its reader refuses it as too large. If the client goes first, `then` is
 * never called.
 */
export function whenBodyArrived(req: IncomingMessage, then: () => void): void {
  if (!hasBody(req) || req.complete || declaredLength(req) > req.readableHighWaterMark) {
    then();
    return;
  }
  // A 'readable' listener pauses the stream but reads nothing; Node emits the event as data
  // comes and once more at its end. Once removed, the stream flows again for its next reader.
  const check = () => {
    if (!req.complete && req.readableLength < req.readableHighWaterMark) return;
    req.off('readable', check);
    then();
  };
  req.on('readable', check);
}
