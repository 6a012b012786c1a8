import { ForbiddenError, NotFoundError } from '../errors';

/**
 * Who asks a console service for something: the signed-in user as far as the rules care. The
 * session's user (`SessionUser`) fits this shape, so routes pass it as it is.
 */
export interface Actor {
  role: 'admin' | 'expert';
  /** The expert profile an expert account is linked to; absent for admins. */
  expertId?: string;
}

/** Programs holding the admin token act with an admin's rights. */
export const ADMIN_ACTOR: Actor = { role: 'admin' };

/** Admin-only operations: anyone else is told plainly that the page is not theirs. */
export function requireAdmin(actor: Actor): void {
  if (actor.role !== 'admin') {
    throw new ForbiddenError('Only an admin can manage experts.');
  }
}

/**
 * An expert may touch only their own profile, an admin any. Refused as "not found", so no one
 * learns which other experts exist through the console.
 */
export function requireExpertAccess(actor: Actor, expertId: string): void {
  if (!actsFor(actor, expertId)) throw new NotFoundError('expert');
}

/** Whether the actor may act for the expert: an admin, or that expert. */
export function actsFor(actor: Actor, expertId: string): boolean {
  return actor.role === 'admin' || (actor.role === 'expert' && actor.expertId === expertId);
}
