import { ObjectIdSchema } from '../../shared/schemas/fields';
import { InvalidIdError } from '../errors';

/** Takes an id from the outside world, or throws INVALID_ID before it reaches a query. */
export function requireObjectId(id: unknown, what: string): string {
  const result = ObjectIdSchema.safeParse(id);
  if (!result.success) throw new InvalidIdError(what);
  return result.data;
}
