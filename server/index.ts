import { constants } from 'node:os';

import { CATALOGUE_REFRESH_SIGNAL } from './catalogue/refresh-signal';
import { ConfigError, loadConfigFromEnvironment } from './config';
import { createLogger } from './logger';
import { startServer } from './start';

/**
 * What the shutdown has beyond SHUTDOWN_TIMEOUT_MS to stop the workers, the database and its
 * servers (the bound is 5 s; the rest is for exiting). Past it the process exits anyway,
 * and child-guard kills the embedded servers on the way out.
 */
const SHUTDOWN_MARGIN_MS = 4_000;

async function main() {
  const config = loadConfigFromEnvironment();
  const logger = createLogger(config);
  const server = await startServer(config, logger);
  logger.info(`Expert Booking is listening on ${server.url}`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // Whoever asks twice wants it gone now; the 'exit' handlers still kill the database servers.
      logger.warn({ signal }, 'second signal: exiting at once');
      process.exit(128 + constants.signals[signal]);
    }
    stopping = true;
    logger.info({ signal, timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, 'shutting down');
    // A wedged database can hold any step of the close; the process must go all the same.
    setTimeout(() => {
      logger.error(
        { timeoutMs: config.SHUTDOWN_TIMEOUT_MS + SHUTDOWN_MARGIN_MS },
        'shutdown did not finish in time: exiting, the database servers are killed',
      );
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS + SHUTDOWN_MARGIN_MS);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on(CATALOGUE_REFRESH_SIGNAL, () => {
    server.refreshCatalogue().then(
      () => logger.info('catalogue read again on request (the seed wrote to it)'),
      (error: unknown) => logger.warn({ err: error }, 'catalogue could not be read again'),
    );
  });
}

main().catch((error: unknown) => {
  // One readable line: a configuration or start-up problem is not a stack-trace puzzle.
  const message = error instanceof Error ? error.message : String(error);
  console.error(error instanceof ConfigError ? message : `Start-up failed: ${message}`);
  process.exit(1);
});
