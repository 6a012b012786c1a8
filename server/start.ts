import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { recordRunningApp } from '../embedded-db';
import { createApp } from './app';
import { createAuth, type AuthService } from './auth';
import { sessionSecretOf } from './auth/session-secret';
import type { Config } from './config';
import { openDatabase } from './db/database';
import { createHttpServer } from './http/http-server';
import { connectRateLimitRedis } from './http/rate-limits';
import type { Logger } from './logger';
import { createMail, organizerOf } from './mail';
import { bookingCalendarFile, bookingMailThroughOutbox } from './mail/booking-mail-outbox';
import { signInLinkMailThroughOutbox } from './mail/sign-in-link-mail';
import { createNotifierRelay } from './realtime/notifier-relay';
import { attachRealtime } from './realtime/socket-server';
import { createRemixHandler } from './remix-handler';
import { startServices, type RunningServices, type SignInLimitOptions } from './services';
import { recordReminderOutcome } from './services/reminders';

/**
 * After the requests in flight: how long the mail worker, the services and Redis may take to stop,
 * together. Each waits on a database that may be wedged, and the embedded servers must still be
 * stopped within the 5 s the shutdown has beyond SHUTDOWN_TIMEOUT_MS.
 */
const STOP_WORKERS_TIMEOUT_MS = 1_500;
/** After the connections of unfinished requests are cut, how long their sockets may take to go. */
const CUT_OFF_WAIT_MS = 500;

/** Resolves when `work` settles or after timeoutMs, whichever comes first; never rejects. */
async function atMost(work: Promise<unknown>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const finished = await Promise.race([
    work.then(
      () => true,
      () => true,
    ),
    new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
  ]);
  clearTimeout(timer);
  return finished;
}

export interface RunningServer {
  url: string;
  httpServer: Server;
  /** Sessions: the Socket.io handshake reads the signed-in user through it. */
  auth: AuthService;
  /** Reads the catalogue again from the database (the seed wrote to it). */
  refreshCatalogue(): Promise<void>;
  /**
   * Stops accepting, gives requests in flight up to SHUTDOWN_TIMEOUT_MS, then stops the workers
   * and the database. Each step is bounded except stopping the embedded servers, which kills
   * them after a grace period; the caller bounds the whole (server/index.ts).
   */
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/**
 * Brings the whole app up: database (embedded unless MONGODB_URI), services, pages and API, and
 * the worker that sends mail. `dbName` picks a database on that server (end-to-end tests use one
 * each); `devMailPage` serves `/dev/mail` outside development too. `clock` is the bookings' "now"
 * (slots, notice, today); end-to-end tests fix it so dates never depend on the day they run.
 * Sessions, sign-in limits, rate limits and mail stay on real time whatever it says.
 */
export async function startServer(
  config: Config,
  logger: Logger,
  options: {
    dbName?: string;
    devMailPage?: boolean;
    signInLimits?: SignInLimitOptions;
    clock?: () => Date;
  } = {},
): Promise<RunningServer> {
  const database = await openDatabase(config, logger, { dbName: options.dbName });
  let running: RunningServices | undefined;
  let rateLimitRedis: Awaited<ReturnType<typeof connectRateLimitRedis>> | undefined;
  try {
    // Links in mails need the app's address; without APP_URL it is known once the server listens.
    let appUrl = config.APP_URL ?? `http://localhost:${config.PORT}`;
    const mail = createMail({
      config,
      logger,
      appUrl: () => appUrl,
      onSettled: recordReminderOutcome,
    });
    const devMailPage = options.devMailPage ?? config.NODE_ENV === 'development';
    const relay = createNotifierRelay();
    running = await startServices({
      notifier: relay.notifier,
      changes: relay.changes,
      mail: bookingMailThroughOutbox(mail.bookingMailer),
      logger,
      clock: options.clock,
      accountsClock: () => new Date(),
      redisUrl: config.REDIS_URL,
      signInLimits: options.signInLimits,
      signInLinkMail: signInLinkMailThroughOutbox(mail.outbox, () => ({
        appUrl,
        organizer: organizerOf(config.MAIL_FROM),
      })),
      reminderScan: { everyMs: config.REMINDER_SCAN_EVERY_MS },
      newBookingsAtOnce: config.NEW_BOOKINGS_AT_ONCE,
      holdSweep: {
        olderThanMs: config.HOLD_SWEEP_AFTER_MS,
        everyMs: Math.ceil(config.HOLD_SWEEP_AFTER_MS / 3),
      },
    });
    const { services, close: closeServices } = running;
    const auth = createAuth({
      secret: sessionSecretOf(config, logger),
      secure: config.NODE_ENV === 'production',
      accounts: services.accounts,
    });
    rateLimitRedis = config.REDIS_URL
      ? await connectRateLimitRedis(config.REDIS_URL, logger)
      : undefined;
    const app = await createApp({
      config,
      logger,
      services,
      auth,
      devMailbox: devMailPage ? mail.devMailbox : undefined,
      bookingCalendar: bookingCalendarFile(mail.bookingMailer),
      rateLimitRedis: rateLimitRedis?.client,
      createPageHandler: (getLoadContext) =>
        createRemixHandler({
          mode: config.NODE_ENV === 'development' ? 'development' : 'production',
          getLoadContext,
          logger,
        }),
    });
    const httpServer = createHttpServer(app);
    const realtime = await attachRealtime(httpServer, {
      experts: services.experts,
      redisUrl: config.REDIS_URL,
      readSessionUser: auth.readSessionUser,
      sessionsEnded: auth.onSessionsEnded,
      appUrl: config.APP_URL,
      logger,
    });
    relay.connect(realtime.notifier, realtime.changes);
    const address = await listen(httpServer, config.PORT, config.HOST).catch(async (error) => {
      await realtime.close();
      throw error;
    });
    const host = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
    const url = `http://${host}:${address.port}`;
    appUrl = config.APP_URL ?? url;
    mail.start();
    // `npm run seed` finds the database here rather than starting a second server on its files.
    const record = database.embedded
      ? await recordRunningApp(config.DATA_DIR, {
          owner: 'app',
          uri: database.uri,
          dbName: database.dbName ?? '',
          url,
        })
      : undefined;
    const catalogue = running.catalogue;
    return {
      url,
      httpServer,
      auth,
      refreshCatalogue: () => catalogue.rebuild(),
      async close() {
        record?.remove();
        const httpClosed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
        httpServer.closeIdleConnections();
        // Socket.io's close waits for nothing we need; it must not hold up the rest.
        const socketsClosed = atMost(realtime.close(), config.SHUTDOWN_TIMEOUT_MS);
        // A request in flight (a booking being committed) gets its time to send its answer.
        if (!(await atMost(httpClosed, config.SHUTDOWN_TIMEOUT_MS))) {
          logger.warn(
            { timeoutMs: config.SHUTDOWN_TIMEOUT_MS },
            'requests still unanswered at the shutdown timeout: their connections are closed',
          );
          httpServer.closeAllConnections();
          await atMost(httpClosed, CUT_OFF_WAIT_MS);
        }
        await atMost(socketsClosed, CUT_OFF_WAIT_MS);
        const workersStopped = await atMost(
          Promise.all([mail.stop(), closeServices(), rateLimitRedis?.close()]),
          STOP_WORKERS_TIMEOUT_MS,
        );
        if (!workersStopped) {
          logger.warn(
            'the mail worker or the services did not stop in time; going on without them',
          );
        }
        await database.close();
      },
    };
  } catch (error) {
    await running?.close();
    await rateLimitRedis?.close();
    await database.close();
    throw error;
  }
}
