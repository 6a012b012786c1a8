import { existsSync } from 'node:fs';

import { z } from 'zod';

import { DEFAULT_CACHE_DIR } from '../embedded-db';
import { TrustProxySchema } from './http/trust-proxy';
import { NEW_BOOKINGS_AT_ONCE } from './services/bookings/new-bookings-line';

/** Requests per client address and minute; 0 turns the limit off. */
function perMinuteLimit(defaultLimit: number) {
  const message = 'must be a whole number of requests per minute (0 turns the limit off)';
  return z.coerce
    .number({ error: message })
    .int(message)
    .min(0, message)
    .max(1_000_000, message)
    .default(defaultLimit);
}

const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /**
   * Unset: every interface in production, loopback otherwise, so a development server (whose
   * /dev/mail shows every mail's private links) is not reachable from the local network.
   */
  HOST: z.string().trim().min(1).optional(),
  PORT: z.coerce
    .number({ error: 'must be a port number (0 to 65535)' })
    .int('must be a port number (0 to 65535)')
    .min(0, 'must be a port number (0 to 65535)')
    .max(65535, 'must be a port number (0 to 65535)')
    .default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://')
    .optional(),
  DATA_DIR: z.string().trim().min(1).default('.data'),
  EMBEDDED_DB_CACHE_DIR: z.string().trim().min(1).default(DEFAULT_CACHE_DIR),
  ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters long').optional(),
  DB_MAX_PENDING_REQUESTS: z.coerce
    .number({ error: 'must be a whole number from 1 to 10000' })
    .int('must be a whole number from 1 to 10000')
    .min(1, 'must be a whole number from 1 to 10000')
    .max(10_000, 'must be a whole number from 1 to 10000')
    .default(64),
  /**
   * Requests under way from one client address, bodies still arriving included, beyond which
   * its new ones are refused (429): one client must not hold every connection's worth of work.
   */
  DB_MAX_PENDING_PER_CLIENT: z.coerce
    .number({ error: 'must be a whole number from 0 to 10000 (0 turns the limit off)' })
    .int('must be a whole number from 0 to 10000 (0 turns the limit off)')
    .min(0, 'must be a whole number from 0 to 10000 (0 turns the limit off)')
    .max(10_000, 'must be a whole number from 0 to 10000 (0 turns the limit off)')
    .default(16),
  /**
   * New bookings one process makes at once; the next wait their turn in the order they came
   * (ADR 020). More suit a database with more cores than the embedded one's machine.
   */
  NEW_BOOKINGS_AT_ONCE: z.coerce
    .number({ error: 'must be a whole number from 1 to 1000' })
    .int('must be a whole number from 1 to 1000')
    .min(1, 'must be a whole number from 1 to 1000')
    .max(1000, 'must be a whole number from 1 to 1000')
    .default(NEW_BOOKINGS_AT_ONCE),
  REQUEST_TIMEOUT_MS: z.coerce
    .number({ error: 'must be a number of milliseconds from 100 to 600000' })
    .int('must be a number of milliseconds from 100 to 600000')
    .min(100, 'must be a number of milliseconds from 100 to 600000')
    .max(600_000, 'must be a number of milliseconds from 100 to 600000')
    .default(10_000),
  /**
   * How old an unfinished change of a booking's holds must be before the sweep settles it (a
   * process died half-way); the sweep runs every third of it. Keep it above REQUEST_TIMEOUT_MS.
   */
  HOLD_SWEEP_AFTER_MS: z.coerce
    .number({ error: 'must be a number of milliseconds from 300 to 600000' })
    .int('must be a number of milliseconds from 300 to 600000')
    .min(300, 'must be a number of milliseconds from 300 to 600000')
    .max(600_000, 'must be a number of milliseconds from 300 to 600000')
    .default(30_000),
  /**
   * How often each app process looks for reminders and agendas that are due. Reminders go out
   * at most this much (plus the outbox's own wake-up) after their time; keep it under a minute.
   */
  REMINDER_SCAN_EVERY_MS: z.coerce
    .number({ error: 'must be a number of milliseconds from 100 to 30000' })
    .int('must be a number of milliseconds from 100 to 30000')
    .min(100, 'must be a number of milliseconds from 100 to 30000')
    .max(30_000, 'must be a number of milliseconds from 100 to 30000')
    .default(15_000),
  DB_UNAVAILABLE_TIMEOUT_MS: z.coerce
    .number({ error: 'must be a number of milliseconds from 100 to 60000' })
    .int('must be a number of milliseconds from 100 to 60000')
    .min(100, 'must be a number of milliseconds from 100 to 60000')
    .max(60_000, 'must be a number of milliseconds from 100 to 60000')
    .default(3_000),
  /**
   * On SIGTERM, how long requests in flight may take to finish; the database and its servers are
   * then stopped, and the process is gone at most 5 s later whatever state the database is in.
   */
  SHUTDOWN_TIMEOUT_MS: z.coerce
    .number({ error: 'must be a number of milliseconds from 0 to 600000' })
    .int('must be a number of milliseconds from 0 to 600000')
    .min(0, 'must be a number of milliseconds from 0 to 600000')
    .max(600_000, 'must be a number of milliseconds from 0 to 600000')
    .default(10_000),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z
    .string()
    .trim()
    .regex(
      /^([^<>@]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/,
      'must be an address, like "Expert Booking <bookings@example.com>"',
    )
    .default('Expert Booking <bookings@expert-booking.localhost>'),
  /** Where people reach the app, for the links in e-mails; unset, the address it listens on. */
  APP_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' })
    .optional(),
  RATE_LIMIT_WRITES_PER_MINUTE: perMinuteLimit(30),
  RATE_LIMIT_REQUESTS_PER_MINUTE: perMinuteLimit(1200),
  TRUST_PROXY: TrustProxySchema,
  /** Signs the session cookie; development and tests make a random one when it is unset. */
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters long').optional(),
  /** `npm run seed` creates this admin login, or gives it this password again. */
  SEED_ADMIN_EMAIL: z
    .email({ error: 'must be an email address' })
    .transform((email) => email.toLowerCase())
    .optional(),
  SEED_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters long').optional(),
});

export type Config = Omit<z.infer<typeof ConfigSchema>, 'HOST'> & { HOST: string };

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads the environment once. Every bad variable is reported on one line that names it, so a
 * misconfigured deployment says exactly what to fix instead of failing later in a random place.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty variable (`PORT=` in .env) means "not set", so the default applies.
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const result = ConfigSchema.safeParse(present);
  const problems = result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
  // A production server with a secret made up at start-up would sign everyone out at each
  // restart, and several instances would refuse each other's cookies.
  if (present.NODE_ENV === 'production' && !present.SESSION_SECRET) {
    problems.push(
      'SESSION_SECRET is required in production (at least 32 random characters, e.g. ' +
        '`openssl rand -base64 48`)',
    );
  }
  if (Boolean(present.SEED_ADMIN_EMAIL) !== Boolean(present.SEED_ADMIN_PASSWORD)) {
    problems.push('SEED_ADMIN_EMAIL and SEED_ADMIN_PASSWORD must be set together');
  }
  if (result.success && problems.length === 0) {
    const { HOST, NODE_ENV } = result.data;
    return { ...result.data, HOST: HOST ?? (NODE_ENV === 'production' ? '0.0.0.0' : '127.0.0.1') };
  }
  throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
}

/** Reads `.env` from the working directory when there is one, then the configuration. */
export function loadConfigFromEnvironment(): Config {
  if (existsSync('.env')) process.loadEnvFile('.env');
  return loadConfig(process.env);
}
