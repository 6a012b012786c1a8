import type { IncomingMessage } from 'node:http';

import type { Namespace, Socket } from 'socket.io';

import type { Logger } from '../logger';

/**
 * How many events one socket may send. A page joins once (and again every few seconds while the
 * server cannot answer); a console joins once per filter change. The burst covers a page that
 * reconnects and rejoins at once; beyond the rate events are dropped, and a socket that keeps on
 * sending is cut off once it has spent its strikes (which come back slowly).
 */
export interface EventLimits {
  burst: number;
  perSecond: number;
  strikes: number;
  strikesBackPerSecond: number;
}

export const EVENT_LIMITS: EventLimits = {
  burst: 10,
  perSecond: 2,
  strikes: 20,
  strikesBackPerSecond: 0.2,
};

/** A token bucket: `take` spends one token if there is one; tokens come back at `perSecond`. */
function bucket(capacity: number, perSecond: number, now: () => number) {
  let tokens = capacity;
  let last = now();
  return {
    take(): boolean {
      const at = now();
      tokens = Math.min(capacity, tokens + ((at - last) / 1000) * perSecond);
      last = at;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}

/**
 * Limits the events each socket of `namespace` sends: excess events are dropped unanswered (a
 * join's acknowledgement never comes), and a socket that goes on is disconnected.
 */
export function limitSocketEvents(
  namespace: Namespace,
  {
    limits = EVENT_LIMITS,
    logger,
    now = () => performance.now(),
  }: { limits?: EventLimits; logger: Logger; now?: () => number },
) {
  namespace.on('connection', (socket: Socket) => {
    const events = bucket(limits.burst, limits.perSecond, now);
    const strikes = bucket(limits.strikes, limits.strikesBackPerSecond, now);
    socket.use((_packet, next) => {
      if (events.take()) return next();
      if (strikes.take() || !socket.connected) return;
      logger.warn(
        { namespace: namespace.name, socketId: socket.id },
        'live updates: socket disconnected for sending too many events',
      );
      socket.disconnect(true);
    });
  });
}

/**
 * Whether a handshake may open a socket. Browsers send `Origin` with every web-socket handshake
 * and every cross-site request, so a page of another site is always recognised; a request
 * without one is no page of another site (a same-origin polling GET, a program). The origin must
 * be APP_URL's when it is set (the address people reach the app at, whatever proxies do to
 * `Host`); otherwise it must name the host the request was sent to.
 */
export function isAllowedOrigin(req: IncomingMessage, appUrl: string | undefined): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (!URL.canParse(origin)) return false;
  const { origin: normalised, host } = new URL(origin);
  if (appUrl !== undefined) return normalised === new URL(appUrl).origin;
  return host === req.headers.host;
}
