/**
 * Child processes of ours (database servers, Redis, the app itself) that must not outlive the
 * process that started them: the one door into this folder (eslint.config.js).
 */
export {
  hasLiveServer,
  isAlive,
  killOrphans,
  liveServerParents,
  readCommandLine,
  track,
  untrack,
  writePidFile,
} from './child-guard';
export { runCommand, stopChild, whenExited, type RunAs } from './child-process';
export { findExecutable, isExecutableFile } from './find-executable';
export { canConnect, findFreePort } from './free-port';
