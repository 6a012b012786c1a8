/**
 * The fixed choices of availability rules, apart from their zod schema (./availability), so the
 * editor's page can list them without taking zod along.
 */

export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Session lengths that cut an hour or a working day into even, familiar pieces. */
export const SESSION_MINUTES = [15, 20, 30, 45, 60, 90, 120] as const;
