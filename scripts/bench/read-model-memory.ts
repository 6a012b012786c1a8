import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';

import mongoose from 'mongoose';
import { pino } from 'pino';

import { loadConfigFromEnvironment } from '../../server/config';
import { openDatabase } from '../../server/db/database';
import { createCatalogueReadModel } from '../../server/catalogue/read-model';
import { createExpertsService } from '../../server/services/experts';
import { silentNotifier } from '../../server/services/slot-notifier';
import { createWindowCache } from '../../server/services/window-cache';
import { buildDataset } from './dataset';
import { positiveInteger } from './env';

/**
 * `npm run bench:read-model-memory`: how much memory the catalogue read model holds for the
 * bench's data set (BENCH_EXPERTS, default 1,000; BENCH_BOOKINGS, default 100,000, 90 % past),
 * and the expert pages' window cache once every expert's page was read (this week, the default
 * length). Heap used after a full garbage collection, before and after, on a throw-away embedded
 * database. Run by tsx with `--expose-gc`.
 */

function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

const gc = (globalThis as { gc?: () => void }).gc;

function heapUsed(): number {
  if (!gc) throw new Error('run with node --expose-gc (the npm script does)');
  gc();
  gc();
  return v8.getHeapStatistics().used_heap_size;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main(): Promise<void> {
  const experts = positiveInteger('BENCH_EXPERTS', 1000);
  const bookings = positiveInteger('BENCH_BOOKINGS', 100_000);
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'expert-booking-memory-'));
  try {
    const config = loadConfigFromEnvironment();
    const database = await openDatabase({ ...config, DATA_DIR: dataDir }, pino({ level: 'warn' }), {
      dbName: 'memory',
    });
    try {
      const now = new Date();
      say(`Writing ${experts} experts and ${bookings} bookings…`);
      const dataset = await buildDataset({
        experts,
        bookings,
        pastShare: 0.9,
        now,
        say: (line) => say(`  ${line}`),
      });
      const ids = (
        await mongoose.connection
          .collection('experts')
          .find({}, { projection: { _id: 1 } })
          .toArray()
      ).map((expert) => expert._id.toString());

      const before = heapUsed();
      const model = createCatalogueReadModel({ clock: () => now });
      await model.rebuild();
      const loaded = heapUsed();

      const windows = createWindowCache({ max: experts });
      const service = createExpertsService({
        clock: () => now,
        notifier: silentNotifier,
        windows,
        catalogue: { ...model, load: () => undefined },
      });
      let slots = 0;
      for (const id of ids) slots += (await service.get(id)).slots.length;
      // Each expert's next free slot, as the list works it out (compiled rules stay with them).
      model.list({ page: 1, limit: experts, search: undefined, category: undefined });
      const cached = heapUsed();

      say();
      say(
        `${dataset.experts} experts, ${dataset.bookings} bookings (${dataset.pastBookings} past), on ${os.availableParallelism()} cores, Node ${process.version}:`,
      );
      say(`- read model (profiles, rules, coming months' bookings): ${mb(loaded - before)}`);
      say(
        `- window cache, ${windows.size} windows (${slots} slots) and compiled rules: ${mb(cached - loaded)}`,
      );
      say(`- together: ${mb(cached - before)} (heap used in all: ${mb(cached)})`);
      // Kept alive until measured.
      void model.has(ids[0]!);
    } finally {
      await database.close();
    }
  } finally {
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (error) {
  console.error(
    `Memory measurement failed: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exitCode = 1;
}
