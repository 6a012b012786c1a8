import { announceCatalogueChange } from '../server/catalogue/redis-feed';
import { loadConfigFromEnvironment } from '../server/config';
import { openDatabase, type Database } from '../server/db/database';
import { createLogger } from '../server/logger';
import { createAccountsService } from '../server/services/accounts';
import { buildCatalogue, SEED_HORIZON_DAYS, type SeedExpert } from './seed/catalogue';
import { countExperts, seedDatabase, type SeedReport } from './seed/seed-database';
import { DEMO_EXPERT_PASSWORD, seedLogins, type LoginsReport } from './seed/seed-logins';

/**
 * `npm run seed` fills the database with the demo catalogue. Safe to run again: experts are
 * updated in place and bookings are kept. `--reset` starts from empty; `--if-empty` (used by
 * `npm run setup`) leaves the catalogue alone when experts already exist. Either way it then
 * makes the console logins: the admin of SEED_ADMIN_EMAIL/SEED_ADMIN_PASSWORD, and in
 * development one demo login per seeded expert that has none yet (a database seeded before
 * logins existed gets them too).
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
  const removed =
    report.expertsRemoved > 0
      ? `${plural(report.bookingsRemoved, 'booking')} and ${plural(report.expertsRemoved, 'expert')} removed first`
      : `${plural(report.bookingsRemoved, 'booking')} removed`;
  return (
    `Seeded ${plural(report.experts, 'expert')} in ${plural(categories, 'category', 'categories')} ` +
    `(${report.created} created, ${report.updated} updated), ` +
    `weekly hours bookable ${SEED_HORIZON_DAYS} days ahead; ${removed}.`
  );
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]?.trim() || 'unknown error';
}

function describeLogins(report: LoginsReport, production: boolean): string[] {
  const lines: string[] = [];
  if (report.admin) {
    lines.push(
      `Admin login ${report.admin.email} ${report.admin.created ? 'created' : 'updated'} ` +
        '(password: SEED_ADMIN_PASSWORD).',
    );
  }
  if (report.experts) {
    const { created, kept, example } = report.experts;
    lines.push(
      `Expert logins: ${created} created, ${kept} already there. Each expert signs in at /login ` +
        `as <first>.<last>@experts.example${example ? ` (e.g. ${example})` : ''} with the demo ` +
        `password: ${DEMO_EXPERT_PASSWORD}`,
    );
  } else if (production) {
    lines.push('No expert demo logins: they are made in development only.');
  }
  return lines;
}

async function run(mode: SeedMode): Promise<string> {
  const config = loadConfigFromEnvironment();
  const logger = createLogger(config);
  let database: Database | undefined;
  try {
    database = await openDatabase(config, logger);
    const experts = buildCatalogue({ today: new Date() });
    const existing = mode === 'if-empty' ? await countExperts() : 0;
    let summary: string;
    if (existing > 0) {
      summary = `Catalogue already has ${plural(existing, 'expert')}; left as it is.`;
    } else {
      const report = await seedDatabase({ experts, reset: mode === 'reset' });
      // Running instances would otherwise show the old list until their next periodic rebuild.
      if (config.REDIS_URL) await announceCatalogueChange(config.REDIS_URL, logger);
      summary = summarise(experts, report);
    }
    const logins = await seedLogins({
      accounts: createAccountsService({ clock: () => new Date() }),
      admin:
        config.SEED_ADMIN_EMAIL && config.SEED_ADMIN_PASSWORD
          ? { email: config.SEED_ADMIN_EMAIL, password: config.SEED_ADMIN_PASSWORD }
          : undefined,
      expertLogins: config.NODE_ENV === 'development',
      slugs: experts.map((expert) => expert.slug),
    });
    const production = config.NODE_ENV === 'production';
    return [summary, ...describeLogins(logins, production)].join('\n');
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
