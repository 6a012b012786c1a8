/**
 * Plays a test run for the sweep's tests: starts the embedded database in a data dir of its own
 * under argv[2] named with prefix argv[3], prints `{ dataDir, pids }` as one JSON line, then waits
 * to be killed.
 */
import { pino } from 'pino';

import { loadConfig } from '../../server/config';
import { createOwnedDataDir } from '../../server/db/abandoned-data-dirs';
import { startEmbeddedServer } from '../../server/db/embedded-server';

const [parentDir, prefix] = process.argv.slice(2);
if (!parentDir || !prefix) throw new Error('usage: abandon-embedded-db <parentDir> <prefix>');

const dataDir = await createOwnedDataDir(parentDir, prefix);
const server = await startEmbeddedServer({
  dataDir,
  cacheDir: loadConfig(process.env).EMBEDDED_DB_CACHE_DIR,
  logger: pino({ level: 'warn' }),
});
process.stdout.write(`${JSON.stringify({ dataDir, pids: server.pids })}\n`);
setInterval(() => {}, 60_000);
