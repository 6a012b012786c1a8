import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashing with scrypt from node:crypto (memory-hard, nothing to compile). Parameters
 * and their cost: docs/decisions/009-accounts-and-sessions.md. A stored hash names its algorithm
 * and parameters, `scrypt$N=32768,r=8,p=1$<salt>$<hash>` (base64url), so they can be raised
 * later: older hashes keep verifying with the parameters they were made with.
 */

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

export const SCRYPT_PARAMS: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;

/** Stored strings asking for more than this are refused rather than allowed to exhaust memory. */
const MAX_N = 2 ** 20;
const MAX_RP = 64;

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; Node's default ceiling (32 MiB) is exactly that for N=2^15, r=8.
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(
  password: string,
  params: ScryptParams = SCRYPT_PARAMS,
): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params);
  const { N, r, p } = params;
  return `scrypt$N=${N},r=${r},p=${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

interface ParsedHash {
  params: ScryptParams;
  salt: Buffer;
  key: Buffer;
}

const HASH_FORMAT = /^scrypt\$N=(\d{1,8}),r=(\d{1,3}),p=(\d{1,3})\$([\w-]{16,})\$([\w-]{16,})$/;

function parseHash(stored: string): ParsedHash | undefined {
  const match = HASH_FORMAT.exec(stored);
  if (!match) return undefined;
  const [N, r, p] = [match[1], match[2], match[3]].map(Number) as [number, number, number];
  const powerOfTwo = N > 1 && (N & (N - 1)) === 0;
  if (!powerOfTwo || N > MAX_N || r < 1 || r > MAX_RP || p < 1 || p > MAX_RP) return undefined;
  const salt = Buffer.from(match[4]!, 'base64url');
  const key = Buffer.from(match[5]!, 'base64url');
  if (key.length !== KEY_BYTES) return undefined;
  return { params: { N, r, p }, salt, key };
}

/**
 * True when `password` is the one `stored` was made from. A string that is not a hash of ours
 * (tampered, truncated) verifies nothing. The comparison takes the same time wherever the keys
 * differ.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.params);
  return timingSafeEqual(key, parsed.key);
}

/**
 * Whether `stored` was made with other parameters than today's, so the next successful sign-in
 * can store a fresh hash.
 */
export function needsRehash(stored: string, params: ScryptParams = SCRYPT_PARAMS): boolean {
  const parsed = parseHash(stored);
  if (!parsed) return true;
  return (
    parsed.params.N !== params.N || parsed.params.r !== params.r || parsed.params.p !== params.p
  );
}

let dummy: Promise<string> | undefined;

/**
 * A hash of a random password, made once per process. Signing in with an unknown email checks
 * the password against it, so the answer takes as long as for a known one and its timing does
 * not tell whether the account exists.
 */
export function dummyPasswordHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(32).toString('base64url'));
  return dummy;
}
