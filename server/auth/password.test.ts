import { describe, expect, it } from 'vitest';

import {
  dummyPasswordHash,
  hashPassword,
  needsRehash,
  SCRYPT_PARAMS,
  verifyPassword,
} from './password';

describe('password hashing', () => {
  it('verifies the password a hash was made from, and no other', async () => {
    const stored = await hashPassword('correct horse battery staple');

    expect(stored).toMatch(/^scrypt\$N=32768,r=8,p=1\$[\w-]{22}\$[\w-]{43}$/);
    expect(stored).not.toContain('correct horse');
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', stored)).toBe(false);
    expect(await verifyPassword('Correct horse battery staple', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts every hash, so one password never hashes the same twice', async () => {
    const [first, second] = await Promise.all([hashPassword('same'), hashPassword('same')]);
    expect(first).not.toBe(second);
  });

  it('verifies with the parameters stored in the string, and says when they are outdated', async () => {
    const older = await hashPassword('secret words', { N: 2 ** 10, r: 8, p: 1 });

    expect(older).toMatch(/^scrypt\$N=1024,r=8,p=1\$/);
    expect(await verifyPassword('secret words', older)).toBe(true);
    expect(needsRehash(older)).toBe(true);
    expect(needsRehash(await hashPassword('secret words', SCRYPT_PARAMS))).toBe(false);
  });

  it('verifies nothing against a tampered or foreign string', async () => {
    const stored = await hashPassword('secret words');
    const [, params, salt, key] = stored.split('$') as [string, string, string, string];
    const flip = (text: string) => text.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    const tampered = [
      `scrypt$${params}$${flip(salt)}$${key}`,
      `scrypt$${params}$${salt}$${flip(key)}`,
      `scrypt$${params.replace('N=32768', 'N=16384')}$${salt}$${key}`,
      `scrypt$${params.replace('N=32768', 'N=1000')}$${salt}$${key}`,
      `scrypt$${params.replace('N=32768', 'N=67108864')}$${salt}$${key}`,
      `scrypt$${params}$${salt}$${key.slice(0, -4)}`,
      `bcrypt$${params}$${salt}$${key}`,
      'secret words',
      '',
    ];
    for (const value of tampered) {
      expect(await verifyPassword('secret words', value), value).toBe(false);
    }
  });

  it('keeps one dummy hash per process that no password is likely to match', async () => {
    const dummy = await dummyPasswordHash();

    expect(await dummyPasswordHash()).toBe(dummy);
    expect(dummy).toMatch(/^scrypt\$N=32768,r=8,p=1\$/);
    expect(await verifyPassword('', dummy)).toBe(false);
    expect(await verifyPassword('correct horse battery staple', dummy)).toBe(false);
  });
});
