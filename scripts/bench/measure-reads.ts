import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import mongoose from 'mongoose';

import { loadConfigFromEnvironment } from '../../server/config';
import { openDatabase } from '../../server/db/database';
import { createLogger, type Logger } from '../../server/logger';
import { markdownTable } from './markdown-table';

/**
 * What the `measure:*` commands share: a throw-away database, the timing of one read, and the
 * table they print. Each times a read MEASURE_RUNS times (default 15), after one warm-up run.
 */
export const MEASURE_RUNS = Number(process.env.MEASURE_RUNS ?? 15);

export interface ReadTiming {
  p50: number;
  max: number;
}

/** A row of the printed table: what is read, its query's shape, and how long it took. */
export type ReadRow = [read: string, shape: string, timing: ReadTiming];

export interface MeasureDatabase {
  logger: Logger;
  /** Prints the table of `rows`, headed by where it ran. */
  print(rows: readonly ReadRow[]): void;
  /** Drops the database, stops an embedded server and removes its folder. */
  close(): Promise<void>;
}

/**
 * A database of its own named after the command: on MONGODB_URI when set, else an embedded
 * server in a temporary folder.
 */
export async function openMeasureDatabase(name: string): Promise<MeasureDatabase> {
  const config = loadConfigFromEnvironment();
  const logger = createLogger({ ...config, LOG_LEVEL: 'warn' });
  const dataDir = config.MONGODB_URI
    ? undefined
    : await fs.mkdtemp(path.join(os.tmpdir(), `expert-booking-${name}-`));
  const database = await openDatabase({ ...config, DATA_DIR: dataDir ?? config.DATA_DIR }, logger, {
    dbName: `${name}_${randomBytes(4).toString('hex')}`,
  });
  return {
    logger,
    print(rows) {
      const server = database.embedded ? 'embedded (FerretDB or mongod)' : 'MONGODB_URI';
      process.stdout.write(`\n${server}, ${os.cpus().length} cores, ${MEASURE_RUNS} runs each\n\n`);
      const cells = rows.map(([read, shape, { p50, max }]) => [
        read,
        shape,
        p50.toFixed(2),
        max.toFixed(2),
      ]);
      process.stdout.write(
        `${markdownTable([['read', 'shape', 'p50 ms', 'max ms'], ...cells], ['left', 'left', 'right', 'right'])}\n`,
      );
    },
    async close() {
      await mongoose.connection.dropDatabase();
      await database.close();
      if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The median and the worst of MEASURE_RUNS runs of `work`, after one run that warms it up. */
export async function timeRuns(work: () => Promise<unknown> | unknown): Promise<ReadTiming> {
  await work();
  const samples: number[] = [];
  for (let i = 0; i < MEASURE_RUNS; i++) {
    const start = performance.now();
    await work();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { p50: samples[Math.floor(samples.length / 2)]!, max: samples.at(-1)! };
}
