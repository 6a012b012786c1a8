import { announceCatalogueChange } from '../../server/catalogue/redis-feed';
import { CATALOGUE_REFRESH_SIGNAL } from '../../server/catalogue/refresh-signal';
import { loadConfigFromEnvironment, type Config } from '../../server/config';
import { openDatabase, type Database } from '../../server/db/database';
import { findRunningApp, recordRunningApp, type RunningAppRecord } from '../../embedded-db';
import type { Logger } from '../../server/logger';
import { createAccountsService } from '../../server/services/accounts';
import { buildCatalogue, SEED_HORIZON_DAYS, type SeedExpert } from './catalogue';
import { demoPassword, type DemoPassword } from './demo-password';
import { seedDemoReviews } from './demo-reviews';
import { describeFailure } from './failure';
import { countExperts, seedDatabase, type SeedReport } from './seed-database';
import { seedLogins, type LoginsReport } from './seed-logins';
import { createSeedLogger } from './seed-logger';

/**
 * `npm run seed` fills the database with the demo catalogue. Safe to run again: experts are
 * updated in place and bookings are kept. `--reset` starts from empty; `--if-empty` (used by
 * `npm run setup`) leaves the catalogue alone when experts already exist. Either way it then
 * makes the console logins: the admin of SEED_ADMIN_EMAIL/SEED_ADMIN_PASSWORD, and in
 * development one demo login per seeded expert that has none yet (a database seeded before
 * logins existed gets them too), with the data folder's random demo password (demo-password.ts).
 * While the app runs on the same data folder, the seed writes through the app's database (see
 * embedded-db/running-app.ts) and then asks the app to read its catalogue again.
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

function describeLogins(
  report: LoginsReport,
  production: boolean,
  demo: DemoPassword | undefined,
): string[] {
  const lines: string[] = [];
  if (report.admin) {
    lines.push(
      `Admin login ${report.admin.email} ${report.admin.created ? 'created' : 'updated'} ` +
        '(password: SEED_ADMIN_PASSWORD).',
    );
  }
  if (report.experts) {
    const { created, kept, renewed, example } = report.experts;
    lines.push(
      `Expert logins: ${created} created, ${kept} already there` +
        `${renewed > 0 ? `, ${renewed} given the new demo password` : ''}. Each expert signs in ` +
        `at /login as <first>.<last>@experts.example${example ? ` (e.g. ${example})` : ''} with ` +
        `the demo password kept in ${demo?.file} (readable only by you).`,
    );
    if (demo?.created) lines.push(`Demo password (shown this once): ${demo.password}`);
  } else if (production) {
    lines.push('No expert demo logins: they are made in development only.');
  }
  return lines;
}

/**
 * The database to write to: the running app's when one runs on this data folder (a second server
 * on the same files cannot start), else MONGODB_URI or an embedded server of our own, recorded so
 * that an app started meanwhile says who holds the folder.
 */
async function connect(
  config: Config,
  logger: Logger,
): Promise<{ database: Database; app?: RunningAppRecord; release(): void }> {
  const app = config.MONGODB_URI ? undefined : await findRunningApp(config.DATA_DIR);
  if (app) {
    logger.debug({ pid: app.pid, uri: app.uri }, 'using the database of the running app');
    const database = await openDatabase({ ...config, MONGODB_URI: app.uri }, logger, {
      dbName: app.dbName,
    });
    return { database, app, release: () => undefined };
  }
  const database = await openDatabase(config, logger);
  const record = database.embedded
    ? await recordRunningApp(config.DATA_DIR, {
        owner: 'seed',
        uri: database.uri,
        dbName: database.dbName ?? '',
      })
    : undefined;
  return { database, release: () => record?.remove() };
}

/** The app reads its catalogue again at once; without it, at its next periodic rebuild. */
function askToRefresh(app: RunningAppRecord, logger: Logger): void {
  try {
    process.kill(app.pid, CATALOGUE_REFRESH_SIGNAL);
  } catch (error) {
    logger.debug({ err: error, pid: app.pid }, 'could not ask the app to read its catalogue again');
  }
}

async function run(mode: SeedMode): Promise<string> {
  const config = loadConfigFromEnvironment();
  const logger = createSeedLogger(config);
  let connection: Awaited<ReturnType<typeof connect>> | undefined;
  try {
    connection = await connect(config, logger);
    const { app } = connection;
    const experts = buildCatalogue({ today: new Date() });
    const existing = mode === 'if-empty' ? await countExperts() : 0;
    let summary: string;
    if (existing > 0) {
      summary = `Catalogue already has ${plural(existing, 'expert')}; left as it is.`;
    } else {
      const report = await seedDatabase({ experts, reset: mode === 'reset' });
      const reviews = await seedDemoReviews(experts, new Date());
      // Running instances would otherwise show the old list until their next periodic rebuild.
      if (config.REDIS_URL) await announceCatalogueChange(config.REDIS_URL, logger);
      else if (app) askToRefresh(app, logger);
      summary = `${summarise(experts, report)} ${plural(reviews, 'demo review')} on past sessions.`;
    }
    const demo =
      config.NODE_ENV === 'development' ? await demoPassword(config.DATA_DIR) : undefined;
    const logins = await seedLogins({
      accounts: createAccountsService({ clock: () => new Date() }),
      admin:
        config.SEED_ADMIN_EMAIL && config.SEED_ADMIN_PASSWORD
          ? { email: config.SEED_ADMIN_EMAIL, password: config.SEED_ADMIN_PASSWORD }
          : undefined,
      expertLogins: demo && { password: demo.password, renew: demo.created },
      slugs: experts.map((expert) => expert.slug),
    });
    await demo?.save();
    const production = config.NODE_ENV === 'production';
    const where = app ? [`(Written through the app running at ${app.url}.)`] : [];
    return [summary, ...describeLogins(logins, production, demo), ...where].join('\n');
  } catch (error) {
    // The full error (stack, server output) stays available with LOG_LEVEL=debug.
    logger.debug({ err: error }, 'seed failed');
    throw error;
  } finally {
    connection?.release();
    await connection?.database.close();
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
    console.error(`Seeding failed: ${describeFailure(error)}`);
    return 1;
  }
}

process.exitCode = await main();
