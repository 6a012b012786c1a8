/**
 * Plays a test run for the sweep's tests: starts the embedded database in a data dir of its own
 * under argv[2] named with prefix argv[3], prints `{ dataDir, pids }` as one JSON line, then waits
 * to be killed.
 */
import { pino } from 'pino';

import { createOwnedDataDir } from './abandoned-data-dirs';
import { cacheDirFromEnv } from './cache-dir';
import { startEmbeddedServer } from './embedded-server';

const [parentDir, prefix] = process.argv.slice(2);
if (!parentDir || !prefix) throw new Error('usage: abandoned-run.fixture <parentDir> <prefix>');

const dataDir = await createOwnedDataDir(parentDir, prefix);
const server = await startEmbeddedServer({
  dataDir,
  cacheDir: cacheDirFromEnv(),
  logger: pino({ level: 'warn' }),
});
process.stdout.write(`${JSON.stringify({ dataDir, pids: server.pids })}\n`);
setInterval(() => {}, 60_000);
