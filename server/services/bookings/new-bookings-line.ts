/**
 * New bookings this process makes at once unless told otherwise (NEW_BOOKINGS_AT_ONCE); the next
 * wait their turn, in the order they came. Each is a few round trips to the database, so eight
 * keep it busy. With no line, a burst of clients each booking at once made every event-loop turn
 * longer, and Node accepts one new connection a turn: the last clients of a burst waited up to a
 * second just to be let in (ADR 020).
 */
export const NEW_BOOKINGS_AT_ONCE = 8;
