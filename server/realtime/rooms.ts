const EXPERT_ROOM_PREFIX = 'expert:';

/**
 * The room of one expert: every page showing that expert is in it. Takes the id in the
 * lower-case form ObjectIdSchema gives, so one expert has one room.
 */
export function expertRoom(expertId: string): string {
  return `${EXPERT_ROOM_PREFIX}${expertId}`;
}

export function isExpertRoom(room: string): boolean {
  return room.startsWith(EXPERT_ROOM_PREFIX);
}

const CONSOLE_ROOM_PREFIX = 'console:';

/** The consoles watching one expert's bookings: the expert's own, and admins looking at them. */
export function consoleRoom(expertId: string): string {
  return `${CONSOLE_ROOM_PREFIX}${expertId}`;
}

/** Admins watching every expert's bookings. */
export const ALL_CONSOLES_ROOM = `${CONSOLE_ROOM_PREFIX}all`;

export function isConsoleRoom(room: string): boolean {
  return room.startsWith(CONSOLE_ROOM_PREFIX);
}
