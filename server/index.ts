import { ConfigError, loadConfigFromEnvironment } from './config';
import { createLogger } from './logger';
import { startServer } from './start';

async function main() {
  const config = loadConfigFromEnvironment();
  const logger = createLogger(config);
  const server = await startServer(config, logger);
  logger.info(`Expert Booking is listening on ${server.url}`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  // One readable line: a configuration or start-up problem is not a stack-trace puzzle.
  const message = error instanceof Error ? error.message : String(error);
  console.error(error instanceof ConfigError ? message : `Start-up failed: ${message}`);
  process.exit(1);
});
