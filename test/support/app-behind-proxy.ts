import { afterAll, beforeAll, inject } from 'vitest';

import { startAppProcess, type AppProcess } from '../../harness';
import { appDatabaseUri, useTestDatabase, type TestDatabase } from './database';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';

export interface AppBehindProxy {
  app: AppProcess;
  /** Between the app and its database: a test freezes or cuts it. */
  proxy: TcpProxy;
}

/**
 * For a test file of faults between the app and its database: the app as `npm start` runs it
 * (with `env`), on a database of the file's own that it reaches through a proxy. Started before
 * the file's first test and stopped after its last; read its fields inside the tests.
 */
export function useAppBehindProxy(env: Record<string, string> = {}): AppBehindProxy {
  const setup: Partial<AppBehindProxy> = {};
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    db = await useTestDatabase();
    setup.proxy = await startTcpProxy(new URL(inject('mongodbUri')).host);
    setup.app = await startAppProcess({
      MONGODB_URI: appDatabaseUri(db, setup.proxy.address),
      ...env,
    });
  });
  afterAll(async () => {
    // A frozen proxy would hold the app's last words to its database.
    setup.proxy?.thaw();
    await setup.app?.stop();
    await setup.proxy?.close();
    await db?.close();
  });
  return setup as AppBehindProxy;
}
