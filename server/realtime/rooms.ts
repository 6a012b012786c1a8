const EXPERT_ROOM_PREFIX = 'expert:';

/**
 * The room of one expert: every page showing that expert is in it. Ids are lower-cased because
 * ObjectIdSchema accepts either case and a room name has only one.
 */
export function expertRoom(expertId: string): string {
  return `${EXPERT_ROOM_PREFIX}${expertId.toLowerCase()}`;
}

export function isExpertRoom(room: string): boolean {
  return room.startsWith(EXPERT_ROOM_PREFIX);
}
