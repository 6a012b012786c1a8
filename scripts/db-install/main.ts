/**
 * Prepares the embedded database ahead of time, so CI and first-time users pay for it once, up
 * front, instead of inside a test's or the server's start-up timeout: builds FerretDB with Go and
 * makes PostgreSQL's binaries from npm runnable (the library links npm 11 does not create).
 */
import { loadConfigFromEnvironment } from '../../server/config';
import { findExecutable, runCommand } from '../../processes';
import {
  EmbeddedDatabaseUnavailableError,
  ensureFerretdbBinary,
  preparePostgresBinaries,
} from '../../embedded-db';
import { createLogger } from '../../server/logger';

const config = loadConfigFromEnvironment();
const logger = createLogger(config);

if (config.MONGODB_URI) {
  logger.info('MONGODB_URI is set; no embedded database needed');
} else if (await findExecutable('mongod')) {
  logger.info('mongod is on PATH; it will be used as the embedded database');
} else {
  const binary = await ensureFerretdbBinary({ cacheDir: config.EMBEDDED_DB_CACHE_DIR, logger });
  if (!binary) {
    const error = new EmbeddedDatabaseUnavailableError(
      'Cannot build FerretDB: Go is not on PATH. Install Go 1.24+ (https://go.dev/dl/), ' +
        'install MongoDB so `mongod` is on PATH, or set MONGODB_URI.',
    );
    logger.fatal(error.message);
    process.exit(1);
  }
  const { postgres } = await preparePostgresBinaries();
  // Loads every library it links, so a missing one shows here rather than at start-up.
  const version = await runCommand(postgres, ['--version'], {
    cwd: process.cwd(),
    env: process.env,
  });
  logger.info({ ferretdb: binary, postgres: version.trim() }, 'the embedded database is ready');
}
