import { announceCatalogueChange } from '../server/catalogue/redis-feed';
import { loadConfigFromEnvironment } from '../server/config';
import { openDatabase, type Database } from '../server/db/database';
import { createLogger } from '../server/logger';
import { buildCatalogue, DEFAULT_SEED_DAYS, type SeedExpert } from './seed/catalogue';
import { countExperts, seedDatabase, type SeedReport } from './seed/seed-database';

/**
 * `npm run seed` fills the database with the demo catalogue. Safe to run again: experts are
 * updated in place and bookings are kept. `--reset` starts from empty; `--if-empty` (used by
 * `npm run setup`) does nothing when experts already exist.
 */

const USAGE = 'Usage: npm run seed [-- --reset | --if-empty]';

type SeedMode = 'upsert' | 'reset' | 'if-empty';

type ParsedArgs = { mode: SeedMode } | { help: true } | { error: string };

function parseArgs(args: readonly string[]): ParsedArgs {
  const flags = new Set<string>();
  for (const arg of args) {
    if (arg === '--help' || arg === '-h') return { help: true };
    if (arg !== '--reset' && arg !== '--if-empty') return { error: `Unknown option: ${arg}` };
    flags.add(arg);
  }
  // Together they contradict each other: one wipes data, the other promises to leave it alone.
  if (flags.has('--reset') && flags.has('--if-empty')) {
    return { error: '--reset and --if-empty cannot be used together.' };
  }
  if (flags.has('--reset')) return { mode: 'reset' };
  if (flags.has('--if-empty')) return { mode: 'if-empty' };
  return { mode: 'upsert' };
}

function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

function summarise(experts: readonly SeedExpert[], report: SeedReport): string {
  const categories = new Set(experts.map((expert) => expert.category)).size;
  // Experts in different time zones start on different dates; name the earliest.
  const firstDate = experts
    .map((expert) => expert.availability[0]?.date ?? '')
    .filter(Boolean)
    .sort()[0];
  const removed =
    report.expertsRemoved > 0
      ? `${plural(report.bookingsRemoved, 'booking')} and ${plural(report.expertsRemoved, 'expert')} removed first`
      : `${plural(report.bookingsRemoved, 'booking')} removed`;
  return (
    `Seeded ${plural(report.experts, 'expert')} in ${plural(categories, 'category', 'categories')} ` +
    `(${report.created} created, ${report.updated} updated), ` +
    `slots for ${DEFAULT_SEED_DAYS} days from ${firstDate ?? 'today'}; ${removed}.`
  );
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]?.trim() || 'unknown error';
}

async function run(mode: SeedMode): Promise<string> {
  const config = loadConfigFromEnvironment();
  const logger = createLogger(config);
  let database: Database | undefined;
  try {
    database = await openDatabase(config, logger);
    if (mode === 'if-empty') {
      const existing = await countExperts();
      if (existing > 0) {
        return `Catalogue already has ${plural(existing, 'expert')}; nothing to do.`;
      }
    }
    const experts = buildCatalogue({ today: new Date(), days: DEFAULT_SEED_DAYS });
    const report = await seedDatabase({ experts, reset: mode === 'reset' });
    // Running instances would otherwise show the old list until their next periodic rebuild.
    if (config.REDIS_URL) await announceCatalogueChange(config.REDIS_URL, logger);
    return summarise(experts, report);
  } catch (error) {
    // The full error (stack, server output) stays available with LOG_LEVEL=debug.
    logger.debug({ err: error }, 'seed failed');
    throw error;
  } finally {
    await database?.close();
  }
}

async function main(): Promise<number> {
  const parsed = parseArgs(process.argv.slice(2));
  if ('help' in parsed) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if ('error' in parsed) {
    console.error(`${parsed.error}\n${USAGE}`);
    return 2;
  }
  try {
    process.stdout.write(`${await run(parsed.mode)}\n`);
    return 0;
  } catch (error) {
    console.error(`Seeding failed: ${firstLine(error)}`);
    return 1;
  }
}

process.exitCode = await main();
