import type { Types } from 'mongoose';

/**
 * What this process just wrote to the experts collection: one expert whose id is known, or
 * writes whose reach is unknown (a bulk upsert, a delete by filter).
 */
export type ExpertWrite = { kind: 'one'; expertId: string } | { kind: 'many' };

export type ExpertWriteListener = (write: ExpertWrite) => Promise<void> | void;

const listeners = new Set<ExpertWriteListener>();

/**
 * Hears every expert write this process makes through the models, whoever makes it (a service,
 * the seed). The write's promise resolves only once every listener is done, so what listens (the
 * catalogue read model) is current by the time the writer moves on. Returns the unsubscribe.
 */
export function onExpertWrite(listener: ExpertWriteListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export async function announceExpertWrite(write: ExpertWrite): Promise<void> {
  // A listener's failure is its own to report: the write itself has committed.
  await Promise.allSettled([...listeners].map(async (listener) => listener(write)));
}

/** The expert a query filter names by `_id` equality, if it names exactly one. */
export function expertIdOfFilter(filter: Record<string, unknown>): string | undefined {
  const id = filter._id as Types.ObjectId | string | undefined;
  if (typeof id === 'string') return id;
  if (id && typeof id === 'object' && '_bsontype' in id) return id.toString();
  return undefined;
}
