import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

import { withSessionSecret } from './env-file';

/**
 * Part of `npm run setup`: `npm start` runs in production mode, which needs SESSION_SECRET. A
 * fresh clone gets a random one in its git-ignored `.env`; one already set (there or in the
 * environment) is left alone, and its value is never printed.
 */
const ENV_FILE = '.env';

if (process.env.SESSION_SECRET) {
  process.stdout.write('SESSION_SECRET is set in the environment; .env left alone.\n');
} else {
  const text = existsSync(ENV_FILE) ? readFileSync(ENV_FILE, 'utf8') : '';
  const next = withSessionSecret(text, randomBytes(48).toString('base64url'));
  if (next === undefined) {
    process.stdout.write('SESSION_SECRET is already set in .env.\n');
  } else {
    writeFileSync(ENV_FILE, next, { mode: 0o600 });
    process.stdout.write('Wrote a random SESSION_SECRET to .env (git-ignored).\n');
  }
}
