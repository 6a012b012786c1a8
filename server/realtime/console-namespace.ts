import type { Namespace, Server, Socket } from 'socket.io';

import {
  BOOKING_CHANGED,
  CONSOLE_HANDSHAKE_REFUSED,
  CONSOLE_NAMESPACE,
  JOIN_CONSOLE,
  JoinConsoleSchema,
  type BookingChangedEvent,
  type ConsoleJoinAck,
} from '../../shared/schemas/console-realtime';
import type { SessionUser } from '../../shared/schemas/user';
import type { Logger } from '../logger';
import type { BookingChangeNotifier } from '../services/booking-change-notifier';
import { ALL_CONSOLES_ROOM, consoleRoom, isConsoleRoom } from './rooms';

/** Reads the signed-in user from a request's Cookie header, as the pages do. */
export type SessionReader = (cookieHeader: string | undefined) => Promise<SessionUser | null>;

/** Subscribes to sign-outs (the user id whose sessions ended); returns the unsubscribe. */
export type SessionsEndedSource = (listener: (userId: string) => void) => () => void;

/** How often every console socket's session is read again, to catch expiry and removals. */
export const SESSION_RECHECK_MS = 60_000;

/** The sockets of one account, on any instance: a sign-out disconnects them all. */
function userRoom(userId: string): string {
  return `console-user:${userId}`;
}

export interface ConsoleNamespace {
  /** Emits `booking_changed` to the consoles watching the booking's expert. */
  changes: BookingChangeNotifier;
  stop(): void;
}

/** Which console room a join asks for, if this user may have it. */
function roomFor(user: SessionUser, expertId: string | undefined): string | undefined {
  if (user.role === 'admin') return expertId ? consoleRoom(expertId) : ALL_CONSOLES_ROOM;
  if (user.role === 'expert' && user.expertId && expertId === user.expertId) {
    return consoleRoom(expertId);
  }
  return undefined;
}

/**
 * The consoles' live updates: a namespace whose handshake must carry a valid session cookie
 * (the client sees a refusal as `connect_error`), then a room per expert (`console:<id>`, the
 * expert's own or any for an admin) and one for admins watching every expert. Its events name the
 * client, so they go to these rooms and nowhere else.
 */
export function attachConsoleNamespace(
  io: Server,
  {
    readSessionUser,
    sessionsEnded,
    recheckEveryMs = SESSION_RECHECK_MS,
    logger,
  }: {
    readSessionUser?: SessionReader;
    /** Sign-outs of this instance; through the adapter they reach the sockets on every one. */
    sessionsEnded?: SessionsEndedSource;
    recheckEveryMs?: number;
    logger: Logger;
  },
): ConsoleNamespace {
  const consoles: Namespace = io.of(CONSOLE_NAMESPACE);

  consoles.use((socket, next) => {
    const refuse = () => {
      const error = new Error('Sign in to get live updates of your bookings.') as Error & {
        data: { code: string };
      };
      error.data = { code: CONSOLE_HANDSHAKE_REFUSED };
      next(error);
    };
    if (!readSessionUser) return refuse();
    readSessionUser(socket.handshake.headers.cookie).then(
      (user) => {
        if (!user) return refuse();
        socket.data.user = user;
        next();
      },
      (error: unknown) => {
        logger.error({ err: error }, 'live updates: could not read a console session');
        refuse();
      },
    );
  });

  /**
   * The socket's session read again from its handshake cookie: null once it ended (signed out,
   * too old, account or expert profile removed), and then the socket must be disconnected.
   */
  async function stillSignedIn(socket: Socket): Promise<SessionUser | null> {
    const user = readSessionUser ? await readSessionUser(socket.handshake.headers.cookie) : null;
    if (user) socket.data.user = user;
    else
      logger.info({ userId: (socket.data.user as SessionUser).id }, 'live updates: session ended');
    return user;
  }

  async function join(socket: Socket, request: unknown): Promise<ConsoleJoinAck> {
    const parsed = JoinConsoleSchema.safeParse(request);
    if (!parsed.success) {
      return {
        ok: false,
        code: 'INVALID_REQUEST',
        message:
          'Send { expertId } with an id of 24 hexadecimal characters, or {} for every expert.',
      };
    }
    const user = await stillSignedIn(socket);
    if (!user) {
      return { ok: false, code: 'UNAUTHORIZED', message: 'Your session has ended: sign in again.' };
    }
    const room = roomFor(user, parsed.data.expertId);
    if (!room) {
      logger.info({ userId: user.id }, 'live updates: refused a console room');
      return { ok: false, code: 'FORBIDDEN', message: 'You can follow only your own bookings.' };
    }
    // A console shows one expert (or all): joining another leaves the previous one.
    for (const joined of socket.rooms) {
      if (isConsoleRoom(joined) && joined !== room) void socket.leave(joined);
    }
    void socket.join(room);
    return { ok: true };
  }

  consoles.on('connection', (socket) => {
    void socket.join(userRoom((socket.data.user as SessionUser).id));
    socket.on(JOIN_CONSOLE, (request: unknown, ack: unknown) => {
      join(socket, request).then(
        (answer) => {
          if (typeof ack === 'function') ack(answer);
          // After the answer, which travels first on the same connection.
          if (!answer.ok && answer.code === 'UNAUTHORIZED') socket.disconnect(true);
        },
        (error: unknown) => logger.error({ err: error }, 'live updates: console join failed'),
      );
    });
  });

  const unsubscribe = sessionsEnded?.((userId) => {
    consoles.in(userRoom(userId)).disconnectSockets(true);
  });

  // Sessions also end without a sign-out here: their age runs out, the account goes, or the
  // sign-out happened on an instance without the shared adapter.
  const recheck = setInterval(() => {
    for (const socket of consoles.sockets.values()) {
      stillSignedIn(socket).then(
        (user) => {
          if (!user) socket.disconnect(true);
        },
        (error: unknown) =>
          logger.error({ err: error }, 'live updates: could not read a console session'),
      );
    }
  }, recheckEveryMs);
  recheck.unref();

  let stopped = false;
  return {
    changes: {
      bookingChanged(event: BookingChangedEvent) {
        if (stopped) return;
        // Only what the protocol names travels, whatever else the caller's object carries.
        const payload: BookingChangedEvent = {
          change: event.change,
          bookingId: event.bookingId,
          expertId: event.expertId,
          by: event.by,
          name: event.name,
          date: event.date,
          timeSlot: event.timeSlot,
          status: event.status,
        };
        // One emit to both rooms: an admin in both hears it once.
        consoles
          .to([consoleRoom(event.expertId), ALL_CONSOLES_ROOM])
          .emit(BOOKING_CHANGED, payload);
      },
    },
    stop() {
      stopped = true;
      clearInterval(recheck);
      unsubscribe?.();
    },
  };
}
