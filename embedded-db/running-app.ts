import { readFileSync, rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

import mongoose from 'mongoose';

import { isAlive, liveServerParents } from '../processes';

/**
 * `DATA_DIR/server.json`: who runs the embedded database of a data folder now, and where it
 * listens. The app writes it once it serves and removes it when it stops, so that `npm run seed`
 * can use the app's database instead of starting a second server on the same files (PostgreSQL
 * refuses that, and FerretDB then answers with its Go stack). The seed writes one too while it
 * runs its own server, so that an app started meanwhile says who holds the folder.
 */
export interface RunningAppRecord {
  owner: 'app' | 'seed';
  pid: number;
  /** The embedded server's `mongodb://` address and the app's database on it. */
  uri: string;
  dbName: string;
  /** Where the app serves (absent for the seed). */
  url?: string;
  startedAt: string;
}

export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';
}

const RECORD_FILE = 'server.json';
/** How long a live app's database may take to answer the seed (a restart by its supervisor). */
const ANSWER_WAIT_MS = 10_000;
const PROBE_TIMEOUT_MS = 2_000;

function recordPath(dataDir: string): string {
  return path.join(path.resolve(dataDir), RECORD_FILE);
}

async function readRecord(dataDir: string): Promise<RunningAppRecord | undefined> {
  try {
    const parsed = JSON.parse(await fs.readFile(recordPath(dataDir), 'utf8')) as RunningAppRecord;
    return typeof parsed.pid === 'number' && typeof parsed.uri === 'string' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes this process's record; remove() (also run on exit, however the process ends short of
 * SIGKILL) deletes it if it is still this process's.
 */
export async function recordRunningApp(
  dataDir: string,
  record: Omit<RunningAppRecord, 'pid' | 'startedAt'>,
): Promise<{ remove(): void }> {
  const file = recordPath(dataDir);
  const full: RunningAppRecord = {
    ...record,
    pid: process.pid,
    startedAt: new Date().toISOString(),
  };
  await fs.writeFile(file, `${JSON.stringify(full, null, 2)}\n`, { mode: 0o600 });
  const remove = () => {
    process.off('exit', remove);
    // Synchronous: it also runs from the 'exit' event, where nothing asynchronous runs any more.
    try {
      const current = JSON.parse(readFileSync(file, 'utf8')) as RunningAppRecord;
      if (current.pid === process.pid) rmSync(file, { force: true });
    } catch {
      // Gone already, or replaced by someone else's: nothing of ours to remove.
    }
  };
  process.on('exit', remove);
  return { remove };
}

/** One round trip through the server at `uri`; rejects if it does not answer within timeoutMs. */
async function answers(uri: string, timeoutMs: number): Promise<boolean> {
  const client = new mongoose.mongo.MongoClient(uri, {
    directConnection: true,
    serverSelectionTimeoutMS: timeoutMs,
    connectTimeoutMS: timeoutMs,
    socketTimeoutMS: timeoutMs,
    maxPoolSize: 1,
  });
  try {
    await client.connect();
    await client.db('admin').command({ ping: 1 });
    return true;
  } catch {
    return false;
  } finally {
    void client.close(true).catch(() => undefined);
  }
}

function holder(record: RunningAppRecord): string {
  return record.owner === 'seed'
    ? `\`npm run seed\` (pid ${record.pid})`
    : `the app${record.url ? ` at ${record.url}` : ''} (pid ${record.pid})`;
}

/**
 * The app that runs on this data folder now, if one does and its database answers. A record left
 * by a process that is gone (killed outright) is removed. Throws DataDirInUseError when the folder
 * is held by the seed, or by an app whose database keeps not answering.
 */
export async function findRunningApp(dataDir: string): Promise<RunningAppRecord | undefined> {
  const record = await readRecord(dataDir);
  if (!record || record.pid === process.pid) return undefined;
  // A pid alone may have been reused by an unrelated process; its database servers may not.
  if (!isAlive(record.pid) || !(await liveServerParents(dataDir)).includes(record.pid)) {
    await fs.rm(recordPath(dataDir), { force: true });
    return undefined;
  }
  if (record.owner !== 'app') {
    throw new DataDirInUseError(
      `The data folder ${dataDir} is in use by ${holder(record)}: wait until it ends.`,
    );
  }
  const deadline = Date.now() + ANSWER_WAIT_MS;
  do {
    if (await answers(record.uri, PROBE_TIMEOUT_MS)) return record;
    await new Promise((resolve) => setTimeout(resolve, 500));
  } while (Date.now() < deadline && isAlive(record.pid));
  throw new DataDirInUseError(
    `The data folder ${dataDir} is in use by ${holder(record)}, whose database did not answer ` +
      `for ${ANSWER_WAIT_MS / 1000} s: try again in a moment, or stop the app first.`,
  );
}

/**
 * Refuses to start a second embedded server on a data folder whose server another process runs:
 * one sentence naming that process, instead of PostgreSQL's lock error and FerretDB's stack.
 */
export async function assertDataDirFree(dataDir: string): Promise<void> {
  const record = await readRecord(dataDir);
  const parents = (await liveServerParents(dataDir)).filter((pid) => pid !== process.pid);
  if (parents.length === 0) return;
  const known = record && parents.includes(record.pid) ? record : undefined;
  throw new DataDirInUseError(
    known
      ? `The data folder ${dataDir} is in use by ${holder(known)}: ` +
          (known.owner === 'seed'
            ? 'wait until it ends (seconds), then try again.'
            : 'stop it first, or set DATA_DIR to another folder.')
      : `The data folder ${dataDir} is in use by another process (pid ${parents[0]}) that runs ` +
          'its database: stop it first, or set DATA_DIR to another folder.',
  );
}
