import type { AddressInfo } from 'node:net';

import { pino } from 'pino';
import { afterAll, beforeEach } from 'vitest';

import { createApp } from '../../server/app';
import { createAuth } from '../../server/auth';
import { loadConfig, type Config } from '../../server/config';
import { createHttpServer, type ServerTimeouts } from '../../server/http/http-server';
import { connectRateLimitRedis } from '../../server/http/rate-limits';
import type { Logger } from '../../server/logger';
import { createNotifierRelay } from '../../server/realtime/notifier-relay';
import { attachRealtime, type Realtime } from '../../server/realtime/socket-server';
import { startServices } from '../../server/services';
import type {
  AvailabilityChangedEvent,
  SlotBookedEvent,
  SlotReleasedEvent,
} from '../../server/services/slot-notifier';
import { useTestDatabase } from './database';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

/** Signs the session cookies of API tests; any 32 characters will do. */
export const TEST_SESSION_SECRET = 'test-session-secret-0123456789abcdef';

/** A fixed "now" keeps slot dates and the past/future rule independent of the day tests run. */
export const NOW = new Date('2030-03-04T10:00:00Z');

/**
 * The real Express app with the JSON API on a real loopback port, backed by the test database.
 * Pages are not served: API tests do not need a Remix build. `events` records every slot the
 * bookings service announced booked, `released` every slot it announced free again,
 * `rulesChanged` every expert whose availability rules were saved, `mails` every
 * message it handed over, `listLinks` every "show me my bookings" link. With `realtime`,
 * Socket.io is attached as in production (with the Redis adapter when given a `redisUrl`) and
 * announcements also go to its rooms; the catalogue read model then also hears of other
 * instances through that Redis.
 */
export async function startApiServer({
  clock = () => NOW,
  realtime: realtimeOptions,
  config: configOverrides,
  logger = pino({ level: 'silent' }),
  rateLimitRedisUrl,
  rateLimitWindowMs,
  serverTimeouts,
}: {
  clock?: () => Date;
  realtime?: boolean | { redisUrl?: string };
  config?: Partial<
    Pick<
      Config,
      | 'DB_MAX_PENDING_REQUESTS'
      | 'DB_MAX_PENDING_PER_CLIENT'
      | 'REQUEST_TIMEOUT_MS'
      | 'RATE_LIMIT_WRITES_PER_MINUTE'
      | 'RATE_LIMIT_REQUESTS_PER_MINUTE'
      | 'TRUST_PROXY'
    >
  >;
  logger?: Logger;
  /** Redis the rate limits count on, shared with other servers given the same. */
  rateLimitRedisUrl?: string;
  rateLimitWindowMs?: number;
  /** Shorter than the app's, for tests that wait for them to pass. */
  serverTimeouts?: ServerTimeouts;
} = {}) {
  const events: SlotBookedEvent[] = [];
  const released: SlotReleasedEvent[] = [];
  const rulesChanged: AvailabilityChangedEvent[] = [];
  const mails: MailHandedOver[] = [];
  const listLinks: ListLinkHandedOver[] = [];
  const relay = createNotifierRelay();
  const redisUrl = typeof realtimeOptions === 'object' ? realtimeOptions.redisUrl : undefined;
  const {
    services,
    catalogue,
    close: closeServices,
  } = await startServices({
    notifier: {
      // Recorded as the expert's room hears them: the slot, not the booking behind it.
      slotBooked: (event) => {
        events.push({ expertId: event.expertId, date: event.date, timeSlot: event.timeSlot });
        relay.notifier.slotBooked(event);
      },
      slotReleased: (event) => {
        released.push({ expertId: event.expertId, date: event.date, timeSlot: event.timeSlot });
        relay.notifier.slotReleased(event);
      },
      availabilityChanged: (event) => {
        rulesChanged.push(event);
        relay.notifier.availabilityChanged(event);
      },
    },
    changes: relay.changes,
    mail: {
      bookingMade: async ({ booking, manageUrl }) => {
        mails.push({ kind: 'made', bookingId: booking.id, manageUrl });
      },
      bookingRescheduled: async ({ booking, manageUrl }) => {
        mails.push({ kind: 'rescheduled', bookingId: booking.id, manageUrl });
      },
      bookingCancelled: async ({ booking, manageUrl }) => {
        mails.push({ kind: 'cancelled', bookingId: booking.id, manageUrl });
      },
      reviewInvite: async ({ booking, manageUrl }) => {
        mails.push({ kind: 'review', bookingId: booking.id, manageUrl });
      },
      bookingLinks: async ({ email, links }) => {
        for (const link of links) {
          mails.push({
            kind: 'links',
            to: email,
            bookingId: link.booking.id,
            manageUrl: link.manageUrl,
          });
        }
      },
      bookingListLink: async ({ email, listUrl }) => {
        listLinks.push({ to: email, listUrl });
      },
      bookingReminder: async ({ booking, manageUrl, kind }) => {
        mails.push({ kind: `reminder ${kind}`, bookingId: booking.id, manageUrl });
      },
      expertAgenda: async () => undefined,
    },
    logger,
    clock,
    // Reminder scans are run by the tests that look at them, on their own clock.
    reminderScan: { everyMs: 0 },
    // Sessions are checked on real time (createAuth below): signing out must stamp real time too.
    accountsClock: () => new Date(),
    redisUrl,
  });
  const rateLimitRedis = rateLimitRedisUrl
    ? await connectRateLimitRedis(rateLimitRedisUrl, logger)
    : undefined;
  const auth = createAuth({
    secret: TEST_SESSION_SECRET,
    secure: false,
    accounts: services.accounts,
  });
  const app = await createApp({
    config: {
      // Tests of other things make many requests from one address: no rate limits unless asked.
      ...loadConfig({
        NODE_ENV: 'test',
        ADMIN_TOKEN,
        RATE_LIMIT_WRITES_PER_MINUTE: '0',
        RATE_LIMIT_REQUESTS_PER_MINUTE: '0',
        DB_MAX_PENDING_PER_CLIENT: '0',
      }),
      ...configOverrides,
    },
    logger,
    services,
    auth,
    rateLimitRedis: rateLimitRedis?.client,
    rateLimitWindowMs,
    // Like Remix, it answers a page's form only once the whole body has arrived, and hands
    // what it could not send to the error middleware.
    createPageHandler: () => (req, res, next) => {
      req.resume();
      req.once('end', () => {
        try {
          res.status(404).send('Pages are not served in API tests.');
        } catch (error) {
          next(error);
        }
      });
    },
  });
  const server = createHttpServer(app, serverTimeouts);
  let realtime: Realtime | undefined;
  if (realtimeOptions) {
    realtime = await attachRealtime(server, {
      experts: services.experts,
      redisUrl,
      readSessionUser: auth.readSessionUser,
      logger,
    });
    relay.connect(realtime.notifier, realtime.changes);
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    events,
    released,
    rulesChanged,
    mails,
    listLinks,
    services,
    catalogue,
    realtime,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await realtime?.close();
      await closed;
      await rateLimitRedis?.close();
      await closeServices();
    },
  };
}

/** What the bookings service handed to the mail interface (the outbox in production). */
export interface MailHandedOver {
  kind: 'made' | 'rescheduled' | 'cancelled' | 'links' | 'review' | 'reminder 24h' | 'reminder 1h';
  bookingId: string;
  manageUrl: string;
  to?: string;
}

/** A "show me my bookings" link the bookings service handed to the mail interface. */
export interface ListLinkHandedOver {
  to: string;
  listUrl: string;
}

export type ApiServer = Awaited<ReturnType<typeof startApiServer>>;

/**
 * For a test file of API calls: its own database (reached through `databaseHost`, a proxy's
 * address, when given) and server, emptied (with the recorded events) before each test and
 * closed after the last.
 */
export async function useApiServer({
  databaseHost,
  ...options
}: Parameters<typeof startApiServer>[0] & { databaseHost?: string } = {}) {
  const db = await useTestDatabase({ host: databaseHost });
  const api = await startApiServer(options);
  beforeEach(async () => {
    await db.reset();
    // The reset deletes through the driver, behind the models' backs: start the list afresh too.
    await api.catalogue.rebuild();
    api.events.length = 0;
    api.released.length = 0;
    api.rulesChanged.length = 0;
    api.mails.length = 0;
    api.listLinks.length = 0;
  });
  afterAll(async () => {
    await api.close();
    await db.close();
  });
  return api;
}

export interface ApiAnswer {
  status: number;
  body: unknown;
  contentType: string | null;
}

/** Sends a JSON request and returns the status with the parsed body. */
export async function callApi(
  baseUrl: string,
  path: string,
  init: {
    method?: string;
    json?: unknown;
    body?: string | Uint8Array<ArrayBuffer>;
    headers?: Record<string, string>;
  } = {},
): Promise<ApiAnswer> {
  const headers: Record<string, string> = { ...init.headers };
  let body = init.body;
  if (init.json !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(init.json);
  }
  const response = await fetch(`${baseUrl}${path}`, {
    method: init.method ?? 'GET',
    headers,
    body,
  });
  const contentType = response.headers.get('content-type');
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, contentType };
}
