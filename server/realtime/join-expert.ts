import type { Socket } from 'socket.io';

import { JoinExpertSchema, type JoinAck } from '../../shared/schemas/realtime';
import type { Logger } from '../logger';
import { expertRoom, isExpertRoom } from './rooms';

/** What joining needs from the experts service; a join runs on every page view. */
export interface ExpertLookup {
  exists(id: string): Promise<boolean>;
}

/**
 * Puts a socket in the room of the expert it asks for, once the request is well formed and the
 * expert exists. Anything else joins nothing; the answer says why, for the client's ack.
 */
export function createExpertJoiner({ experts, logger }: { experts: ExpertLookup; logger: Logger }) {
  return async function joinExpert(socket: Socket, request: unknown): Promise<JoinAck> {
    const parsed = JoinExpertSchema.safeParse(request);
    if (!parsed.success) {
      logger.debug({ socketId: socket.id }, 'live updates: refused a malformed join');
      return {
        ok: false,
        code: 'INVALID_REQUEST',
        message: 'Send { expertId } with an id of 24 hexadecimal characters.',
      };
    }
    const { expertId } = parsed.data;

    let found: boolean;
    try {
      found = await experts.exists(expertId);
    } catch (error) {
      logger.error({ err: error, expertId }, 'live updates: could not check an expert');
      return {
        ok: false,
        code: 'UNAVAILABLE',
        message: 'Live updates are unavailable right now. Please try again shortly.',
      };
    }

    if (!found) {
      return { ok: false, code: 'NOT_FOUND', message: 'No expert was found with that id.' };
    }
    // The socket may have gone while the database answered; joining now would leak its room.
    if (!socket.connected) {
      return { ok: false, code: 'UNAVAILABLE', message: 'The connection closed.' };
    }
    // A page shows one expert, so joining another leaves the previous one: a socket never
    // collects rooms, however many joins it sends.
    const room = expertRoom(expertId);
    for (const joined of socket.rooms) {
      if (isExpertRoom(joined) && joined !== room) void socket.leave(joined);
    }
    await socket.join(room);
    return { ok: true, expertId };
  };
}
