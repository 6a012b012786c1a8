import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 24 bytes: 192 random bits, 32 base64url characters. */
const TOKEN_BYTES = 24;

/**
 * A token's stored form. Plain SHA-256 is enough: the token is 192 random bits, so there is
 * nothing for a salt or a slow hash to protect against a guess.
 */
export function hashManageToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A new private manage token and the hash that is all we keep of it. */
export function issueManageToken(): { token: string; hash: string } {
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  return { token, hash: hashManageToken(token) };
}

/** Whether `token` is one of the booking's; every stored hash is compared in constant time. */
export function matchesManageToken(token: string, hashes: readonly string[]): boolean {
  const given = Buffer.from(hashManageToken(token), 'hex');
  let matched = false;
  for (const hash of hashes) {
    const stored = Buffer.from(hash, 'hex');
    // No early exit: how long this takes says nothing about which hash matched.
    if (stored.length === given.length && timingSafeEqual(stored, given)) matched = true;
  }
  return matched;
}
