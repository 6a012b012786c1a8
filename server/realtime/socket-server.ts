import type { Server as HttpServer } from 'node:http';

import { Server } from 'socket.io';

import { CONSOLE_NAMESPACE } from '../../shared/schemas/console-realtime';
import { JOIN_EXPERT, REALTIME_PATH } from '../../shared/schemas/realtime';
import type { Logger } from '../logger';
import type { BookingChangeNotifier } from '../services/booking-change-notifier';
import type { SlotNotifier } from '../services/slot-notifier';
import {
  attachConsoleNamespace,
  type SessionReader,
  type SessionsEndedSource,
} from './console-namespace';
import { isAllowedOrigin, limitSocketEvents, type EventLimits } from './event-limits';
import { createExpertJoiner, type ExpertLookup } from './join-expert';
import { connectRedisAdapter } from './redis-adapter';
import { createRoomNotifier } from './room-notifier';

export interface Realtime {
  /** Emits `slot_booked` to the expert's room; hand it to the bookings service. */
  notifier: SlotNotifier;
  /** Emits `booking_changed` to the consoles watching the expert; hand it to the bookings service. */
  changes: BookingChangeNotifier;
  /** The Socket.io server, for tests and diagnostics. */
  io: Server;
  /**
   * Disconnects every socket (clients see a closed transport and reconnect, to another instance
   * or to this one when it is back) and closes Redis. Socket.io also closes the HTTP server it is
   * attached to and waits for it, so the owner must end the HTTP connections too.
   */
  close(): Promise<void>;
}

export interface RealtimeOptions {
  experts: ExpertLookup;
  /** With it, the Redis adapter carries events between instances; without, memory only. */
  redisUrl?: string;
  /** Lets signed-in people into the console namespace; without it the namespace refuses all. */
  readSessionUser?: SessionReader;
  /** Sign-outs: the console sockets of the account are disconnected at once. */
  sessionsEnded?: SessionsEndedSource;
  /**
   * Where people reach the app (APP_URL): a handshake whose `Origin` names another site is
   * refused. Unset, the origin must name the host the handshake was sent to.
   */
  appUrl?: string;
  /** Events each socket may send; tests lower them. */
  eventLimits?: EventLimits;
  logger: Logger;
  path?: string;
}

/** Socket.io on the app's own HTTP server and port: joins, and the `slot_booked` notifier. */
export async function attachRealtime(
  httpServer: HttpServer,
  {
    experts,
    redisUrl,
    readSessionUser,
    sessionsEnded,
    appUrl,
    eventLimits,
    logger,
    path = REALTIME_PATH,
  }: RealtimeOptions,
): Promise<Realtime> {
  const redis = redisUrl ? await connectRedisAdapter(redisUrl, logger) : undefined;
  const io = new Server(httpServer, {
    path,
    adapter: redis?.adapter,
    // The page bundles socket.io-client; nothing to serve.
    serveClient: false,
    // Clients only ever send a join: anything big is not ours. The console's join is as small.
    maxHttpBufferSize: 4 * 1024,
    // A page of another site must not open a socket in a visitor's name (their session cookie
    // would open the console namespace to it).
    allowRequest: (req, callback) => {
      const allowed = isAllowedOrigin(req, appUrl);
      if (!allowed) {
        logger.info(
          { origin: req.headers.origin },
          'live updates: handshake from another site refused',
        );
      }
      callback(allowed ? null : 'Origin not allowed', allowed);
    },
  });
  const joinExpert = createExpertJoiner({ experts, logger });
  const notifier = createRoomNotifier(io);
  const consoles = attachConsoleNamespace(io, { readSessionUser, sessionsEnded, logger });
  for (const namespace of [io.of('/'), io.of(CONSOLE_NAMESPACE)]) {
    limitSocketEvents(namespace, { limits: eventLimits, logger });
  }

  io.on('connection', (socket) => {
    socket.on(JOIN_EXPERT, (request: unknown, ack: unknown) => {
      joinExpert(socket, request).then(
        (answer) => {
          if (typeof ack === 'function') ack(answer);
        },
        (error: unknown) => logger.error({ err: error }, 'live updates: join failed'),
      );
    });
  });

  return {
    notifier,
    changes: consoles.changes,
    io,
    async close() {
      notifier.stop();
      consoles.stop();
      await io.close();
      await redis?.close();
    },
  };
}
