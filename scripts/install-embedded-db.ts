/**
 * Builds the embedded database (FerretDB) ahead of time, so CI and first-time users pay for the
 * Go build once, up front, instead of inside a test's or the server's start-up timeout.
 */
import { loadConfigFromEnvironment } from '../server/config';
import { EmbeddedDatabaseUnavailableError } from '../server/db/embedded-server';
import { ensureFerretdbBinary, findExecutable } from '../server/db/ferretdb-binary';
import { createLogger } from '../server/logger';

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
      'Cannot build FerretDB: Go is not on PATH. Install Go 1.21+ (https://go.dev/dl/), ' +
        'install MongoDB so `mongod` is on PATH, or set MONGODB_URI.',
    );
    logger.fatal(error.message);
    process.exit(1);
  }
  logger.info({ binary }, 'FerretDB is ready');
}
