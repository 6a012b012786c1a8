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
