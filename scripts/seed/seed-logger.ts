import { pino, type Level, type Logger } from 'pino';

import type { Config } from '../../server/config';

const DEBUG = 20;

/**
 * The seed's logger: the app's, except that the lines of the database servers (what they say,
 * FerretDB's with Go stack positions, their starts, stops and warnings) go to debug. A person
 * running the seed reads its summary or one sentence of failure; LOG_LEVEL=debug shows the rest.
 */
export function createSeedLogger(config: Pick<Config, 'LOG_LEVEL'>): Logger {
  return pino({
    level: config.LOG_LEVEL,
    base: { service: 'expert-booking' },
    hooks: {
      logMethod(args, method, level) {
        const fromDatabase = 'database' in (this.bindings() as Record<string, unknown>);
        if (fromDatabase && level > DEBUG) {
          const debug: Level = 'debug';
          if (this.isLevelEnabled(debug)) this[debug](...(args as [object, string]));
          return;
        }
        method.apply(this, args);
      },
    },
  });
}
