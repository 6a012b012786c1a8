import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import mongoose from 'mongoose';
import type { Browser } from 'playwright-core';
import { pino } from 'pino';
import { afterAll, inject } from 'vitest';

import { buildCatalogue, type SeedExpert } from '../../scripts/seed/catalogue';
import { seedDatabase } from '../../scripts/seed/seed-database';
import { loadConfig } from '../../server/config';
import { mailDirOf } from '../../server/mail';
import { createDevMailbox, type DevMailbox } from '../../server/mail/dev-mailbox';
import type { SignInLimitOptions } from '../../server/services';
import { startServer } from '../../server/start';
import { NOW } from './api-server';
import { launchBrowser } from './e2e-browser';

export const E2E_ADMIN_TOKEN = 'e2e-admin-token-0123456789';

/**
 * The app's "now" for bookings in end-to-end tests, the API tests' own (a Monday, 10:00 UTC): the
 * slots, the minimum notice and "today" are the same whatever day and hour the tests run.
 * Sessions, sign-in limits and mail keep real time. `dayFromNow` (builders) counts from it.
 */
export const E2E_NOW = NOW;

export interface E2eServer {
  url: string;
  /** The catalogue the database was seeded with, as the seed command would write it. */
  experts: readonly SeedExpert[];
  /** The `.eml` files the app "sent", in a data folder of this server's own. */
  mailbox: DevMailbox;
  close(): Promise<void>;
}

/**
 * The whole app as `npm start` runs it (Express, the Remix build, the JSON API, real time) on a
 * free loopback port, connected to a database of its own on the test run's server and seeded
 * with the demo catalogue, its bookings on the fixed clock `E2E_NOW`. Needs a fresh
 * `remix build`, which `npm test` makes first.
 */
export async function startE2eServer(
  mongodbUri: string,
  options: {
    /** Configuration on top of the journeys' own (e.g. TRUST_PROXY). */
    config?: Record<string, string>;
    signInLimits?: SignInLimitOptions;
  } = {},
): Promise<E2eServer> {
  // E2E_LOG_LEVEL=error shows the server's own account of a failing journey.
  const logLevel = process.env.E2E_LOG_LEVEL ?? 'silent';
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'expert-booking-e2e-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: logLevel,
    MONGODB_URI: mongodbUri,
    ADMIN_TOKEN: E2E_ADMIN_TOKEN,
    // Journeys are not floods: many of them from one address must not trip a limit.
    RATE_LIMIT_WRITES_PER_MINUTE: '0',
    RATE_LIMIT_REQUESTS_PER_MINUTE: '0',
    DB_MAX_PENDING_PER_CLIENT: '0',
    ...options.config,
  });
  const dbName = `e2e_${process.pid}_${randomBytes(4).toString('hex')}`;
  const server = await startServer(config, pino({ level: logLevel }), {
    dbName,
    signInLimits: options.signInLimits,
    clock: () => E2E_NOW,
  });
  const stop = async () => {
    await server.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  };
  try {
    const experts = buildCatalogue({ today: E2E_NOW });
    await seedDatabase({ experts });
    return {
      url: server.url,
      experts,
      mailbox: createDevMailbox(mailDirOf(config)),
      async close() {
        await mongoose.connection.dropDatabase();
        await stop();
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * For a test file of browser journeys: the app on its own seeded database and a headless
 * Chromium, started together (both are slow) and closed after the last test.
 */
export async function useE2eApp(): Promise<{ server: E2eServer; browser: Browser }> {
  const [server, browser] = await Promise.all([
    startE2eServer(inject('mongodbUri')),
    launchBrowser(),
  ]);
  afterAll(async () => {
    await browser.close();
    await server.close();
  });
  return { server, browser };
}
