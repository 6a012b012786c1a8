import { randomBytes } from 'node:crypto';

import type { Config } from '../config';
import type { Logger } from '../logger';

/**
 * The secret the session cookie is signed with. Production always has one (the configuration
 * refuses to load without it); elsewhere a random one is made for this run, so a fresh clone
 * signs in without setting anything, and sign-ins end when the server stops.
 */
export function sessionSecretOf(config: Pick<Config, 'SESSION_SECRET'>, logger: Logger): string {
  if (config.SESSION_SECRET) return config.SESSION_SECRET;
  logger.info(
    'SESSION_SECRET is not set: sessions are signed with a random secret made for this run',
  );
  return randomBytes(48).toString('base64url');
}
