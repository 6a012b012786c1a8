import os from 'node:os';
import path from 'node:path';

/**
 * Where FerretDB's build is kept unless EMBEDDED_DB_CACHE_DIR says otherwise: outside
 * node_modules, so that `npm ci` does not throw away a build that took minutes.
 */
export const DEFAULT_CACHE_DIR = path.join(os.homedir(), '.cache', 'expert-booking');

/**
 * The cache the launcher's own tests use: the variable the app's configuration reads
 * (server/config.ts), which this folder may not import.
 */
export function cacheDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.EMBEDDED_DB_CACHE_DIR?.trim() || DEFAULT_CACHE_DIR;
}
