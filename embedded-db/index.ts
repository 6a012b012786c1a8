/**
 * The embedded database launcher: a MongoDB-compatible server on loopback (mongod when installed,
 * else FerretDB on PostgreSQL from npm) with its data in a folder, supervised while it runs. This
 * is its one door: the app, the seed, the scripts and the tests import from here, never from the
 * files beside it (eslint.config.js), and it imports nothing of the app's. See README.md.
 */
export { createOwnedDataDir, removeAbandonedDataDirs } from './abandoned-data-dirs';
export { cacheDirFromEnv, DEFAULT_CACHE_DIR } from './cache-dir';
export {
  EmbeddedDatabaseUnavailableError,
  embeddedServerExecutables,
  startEmbeddedServer,
  type EmbeddedServer,
  type EmbeddedServerOptions,
} from './embedded-server';
export { ensureFerretdbBinary } from './ferretdb-binary';
export { MAX_WRITE_STATEMENTS } from './ferretdb-server';
export { preparePostgresBinaries } from './postgres-binaries';
export {
  assertDataDirFree,
  DataDirInUseError,
  findRunningApp,
  recordRunningApp,
  type RunningAppRecord,
} from './running-app';
