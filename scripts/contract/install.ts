import { loadConfig } from '../../server/config';
import { ensureSchemathesis } from './schemathesis';

/**
 * `npm run contract:install`: installs Schemathesis for `npm run test:contract` ahead of time
 * (CI runs it after `npm ci`); the contract test would otherwise install it on first use.
 */
const { EMBEDDED_DB_CACHE_DIR } = loadConfig(process.env);
const st = await ensureSchemathesis(EMBEDDED_DB_CACHE_DIR, (line) =>
  process.stdout.write(`${line}\n`),
);
process.stdout.write(`Schemathesis is ready: ${st}\n`);
