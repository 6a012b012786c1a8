import { isDuplicateKeyError } from './duplicate-key';

/** A collection of claims: documents of one string `_id` and their `createdAt`. */
export interface ClaimModel {
  create(claim: { _id: string }): Promise<unknown>;
  deleteOne(filter: { _id: string; createdAt: { $lt: Date } }): PromiseLike<{
    deletedCount: number;
  }>;
}

/**
 * Takes the claim `id` by inserting it: an insert of one `_id` is the only write two racers
 * cannot both win on FerretDB. A claim older than `staleAfterMs` was left by a process that died
 * holding it, and is taken over. False while another holds it.
 */
export async function takeClaim(
  model: ClaimModel,
  id: string,
  staleAfterMs: number,
): Promise<boolean> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await model.create({ _id: id });
      return true;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const { deletedCount } = await model.deleteOne({
        _id: id,
        createdAt: { $lt: new Date(Date.now() - staleAfterMs) },
      });
      if (deletedCount === 0) return false;
    }
  }
  return false;
}
