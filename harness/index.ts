/**
 * Starts what a test or a script runs against: the built app as `npm start` runs it, and a
 * throw-away Redis. The tests (test/, *.api.test.ts) and the scripts (bench, contract test) share
 * it; the embedded database comes from embedded-db/.
 */
export {
  startAppProcess,
  type AppExit,
  type AppLogLine,
  type AppProcess,
  type AppProcessOptions,
} from './app-process';
export { startRedisServer, type TestRedis } from './redis-server';
