import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Keeps database processes from outliving the Node process that started them.
 *
 * - On `exit` (normal end, process.exit, an uncaught error) every tracked child is killed
 *   synchronously: nothing asynchronous can run any more at that point. SIGKILL is safe for
 *   mongod and FerretDB (their storage journals); PostgreSQL gets SIGQUIT, its immediate
 *   shutdown, so that its postmaster takes its worker processes down with it.
 * - Node's default reaction to SIGINT/SIGTERM/SIGHUP ends the process without `exit` events. While
 *   a child is tracked we listen to them, but only act when nobody else does: then we kill the
 *   children and re-raise the signal so the process still dies the default way. When the app has
 *   its own handler (graceful shutdown), we stay out of its way; it is expected to call stop().
 * - The children run in their own process group, so a terminal's Ctrl+C reaches only the app,
 *   which can finish its requests before it stops the database. A parent killed with SIGKILL
 *   runs none of this: on Linux the kernel then signals the children itself (managed-process
 *   starts them through `setpriv --pdeathsig`); elsewhere, or if that failed, a pid file lets
 *   the next start stop them (killOrphans).
 */

const ORPHAN_STOP_GRACE_MS = 5_000;
const tracked = new Map<ChildProcess, NodeJS.Signals>();
const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function killAllNow(): void {
  for (const [child, killSignal] of tracked) {
    child.kill(killSignal);
    // A stopped process (SIGSTOP, a debugger) keeps any signal but SIGKILL pending until continued.
    if (killSignal !== 'SIGKILL') child.kill('SIGCONT');
  }
}

function onSignal(signal: NodeJS.Signals): void {
  if (process.listenerCount(signal) > 1) return;
  killAllNow();
  removeListeners();
  process.kill(process.pid, signal);
}

function addListeners(): void {
  process.on('exit', killAllNow);
  for (const signal of signals) process.on(signal, onSignal);
}

function removeListeners(): void {
  process.off('exit', killAllNow);
  for (const signal of signals) process.off(signal, onSignal);
}

export function track(child: ChildProcess, killSignal: NodeJS.Signals = 'SIGKILL'): void {
  if (tracked.size === 0) addListeners();
  tracked.set(child, killSignal);
}

export function untrack(child: ChildProcess): void {
  if (!tracked.delete(child)) return;
  if (tracked.size === 0) removeListeners();
}

interface PidRecord {
  pid: number;
  parentPid: number;
}

function pidDir(dataDir: string): string {
  return path.join(dataDir, 'pids');
}

export async function writePidFile(dataDir: string, pid: number): Promise<string> {
  await fs.mkdir(pidDir(dataDir), { recursive: true });
  const file = path.join(pidDir(dataDir), `${pid}.json`);
  const record: PidRecord = { pid, parentPid: process.pid };
  await fs.writeFile(file, JSON.stringify(record));
  return file;
}

/**
 * Kills database servers for this data dir whose parent died without stopping them. A server
 * whose parent still runs (say `npm run dev` while a script runs) is left alone.
 */
export async function killOrphans(dataDir: string, executable: string): Promise<void> {
  let files: string[];
  try {
    files = await fs.readdir(pidDir(dataDir));
  } catch {
    return;
  }
  for (const name of files) {
    const file = path.join(pidDir(dataDir), name);
    let record: PidRecord;
    try {
      record = JSON.parse(await fs.readFile(file, 'utf8')) as PidRecord;
    } catch {
      await fs.rm(file, { force: true });
      continue;
    }
    if (!isAlive(record.pid)) {
      await fs.rm(file, { force: true });
      continue;
    }
    if (isAlive(record.parentPid)) continue;
    // Pids are reused: only kill a process that is verifiably our server for this data dir.
    const commandLine = readCommandLine(record.pid);
    if (!commandLine?.includes(executable) || !commandLine.includes(dataDir)) continue;
    // SIGINT is a quick clean stop for all three servers (PostgreSQL's "fast" shutdown, which
    // also ends its worker processes); SIGKILL only if that did not work.
    process.kill(record.pid, 'SIGINT');
    if (!(await waitUntilDead(record.pid, ORPHAN_STOP_GRACE_MS))) {
      process.kill(record.pid, 'SIGKILL');
      await waitUntilDead(record.pid, ORPHAN_STOP_GRACE_MS);
    }
    await fs.rm(file, { force: true });
  }
}

/** Whether a server recorded for this data dir still runs, orphaned or not. */
export async function hasLiveServer(dataDir: string): Promise<boolean> {
  let files: string[];
  try {
    files = await fs.readdir(pidDir(dataDir));
  } catch {
    return false;
  }
  for (const name of files) {
    try {
      const record = JSON.parse(
        await fs.readFile(path.join(pidDir(dataDir), name), 'utf8'),
      ) as PidRecord;
      if (isAlive(record.pid)) return true;
    } catch {
      continue;
    }
  }
  return false;
}

/**
 * The pids of the processes (other than dead ones) whose database servers for this data dir still
 * run: an app, or a script such as the seed. Orphaned servers are not counted (killOrphans stops
 * them), nor a recorded pid now used by something else.
 */
export async function liveServerParents(dataDir: string): Promise<number[]> {
  const absolute = path.resolve(dataDir);
  let files: string[];
  try {
    files = await fs.readdir(pidDir(absolute));
  } catch {
    return [];
  }
  const parents = new Set<number>();
  for (const name of files) {
    let record: PidRecord;
    try {
      record = JSON.parse(
        await fs.readFile(path.join(pidDir(absolute), name), 'utf8'),
      ) as PidRecord;
    } catch {
      continue;
    }
    if (!isAlive(record.pid) || !isAlive(record.parentPid)) continue;
    const commandLine = readCommandLine(record.pid);
    if (commandLine !== undefined && !commandLine.includes(absolute)) continue;
    parents.add(record.parentPid);
  }
  return [...parents];
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Linux only; elsewhere orphans are left for the user, as we cannot tell whose they are. */
export function readCommandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return undefined;
  }
}

/** Resolves whether the process is gone within timeoutMs. */
async function waitUntilDead(pid: number, timeoutMs: number): Promise<boolean> {
  for (let waited = 0; waited < timeoutMs && isAlive(pid); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !isAlive(pid);
}
