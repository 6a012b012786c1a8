import fs from 'node:fs/promises';
import path from 'node:path';

import { hasLiveServer, isAlive, killOrphans } from '../processes';

/**
 * Throw-away data dirs (one per test run) carry their owner's pid in their name, so a later run
 * can tell an abandoned dir from one whose run is still starting its server.
 */
export function createOwnedDataDir(parentDir: string, prefix: string): Promise<string> {
  return fs.mkdtemp(path.join(parentDir, `${prefix}${process.pid}-`));
}

function ownerOf(name: string, prefix: string): number | undefined {
  const match = /^(\d+)-/.exec(name.slice(prefix.length));
  return match ? Number(match[1]) : undefined;
}

/**
 * Cleans up after runs that were killed before they could (SIGKILL, a crash of the machine):
 * kills the database servers they left running and removes their dirs. A dir whose owner still
 * runs, or that still has a live server this cannot verify as an orphan, is left alone. Dirs
 * without an owner in their name were made before names carried one; their pid files decide.
 * Resolves the dirs removed.
 */
export async function removeAbandonedDataDirs({
  parentDir,
  prefix,
  executables,
}: {
  parentDir: string;
  prefix: string;
  executables: readonly string[];
}): Promise<string[]> {
  const removed: string[] = [];
  for (const entry of await fs.readdir(parentDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || !entry.name.startsWith(prefix)) continue;
    const owner = ownerOf(entry.name, prefix);
    if (owner !== undefined && isAlive(owner)) continue;
    const dataDir = path.join(parentDir, entry.name);
    for (const executable of executables) await killOrphans(dataDir, executable);
    if (await hasLiveServer(dataDir)) continue;
    await fs.rm(dataDir, { recursive: true, force: true });
    removed.push(dataDir);
  }
  return removed;
}
