import path from 'node:path';

import type { Logger } from 'pino';

import { ensureFerretdbBinary } from './ferretdb-binary';
import { startFerretdb, type FerretdbServer } from './ferretdb-server';
import { sqliteDataDir } from './sqlite-migration';

/**
 * FerretDB on SQLite as the SQLite version of this launcher ran it, its files in
 * `<dataDir>/ferretdb`: the migration's test makes such data with it, and the bench compares it
 * with PostgreSQL. Needs the FerretDB build (`npm run db:install`).
 */
export async function startSqliteFerretdb(options: {
  dataDir: string;
  cacheDir: string;
  logger: Logger;
}): Promise<FerretdbServer> {
  const { dataDir, cacheDir, logger } = options;
  const executable = await ensureFerretdbBinary({ cacheDir, logger });
  if (!executable) throw new Error('FerretDB is not built; run npm run db:install');
  return startFerretdb({
    executable,
    backend: { handler: 'sqlite', dir: sqliteDataDir(dataDir) },
    stateDir: path.join(dataDir, 'ferretdb-state'),
    dataDir,
    logger,
  });
}
