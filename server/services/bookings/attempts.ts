import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * A booking attempt's request as parsed, hashed: every field, keys in a fixed order, so the
 * same request hashes alike however its JSON was spelt.
 */
export function requestHashOf(request: Record<string, unknown>): string {
  const ordered = Object.keys(request)
    .sort()
    .map((key) => [key, request[key]]);
  return createHash('sha256').update(JSON.stringify(ordered)).digest('hex');
}

/** Whether a repeat is the very request its attempt made (none kept: never), in constant time. */
export function sameRequest(stored: string | null | undefined, hash: string): boolean {
  if (!stored || stored.length !== hash.length) return false;
  return timingSafeEqual(Buffer.from(stored, 'hex'), Buffer.from(hash, 'hex'));
}
