import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { createApp } from './app';
import { createAuth, type AuthService } from './auth';
import { sessionSecretOf } from './auth/session-secret';
import type { Config } from './config';
import { openDatabase } from './db/database';
import { createHttpServer } from './http/http-server';
import { connectRateLimitRedis } from './http/rate-limits';
import type { Logger } from './logger';
import { createMail } from './mail';
import { bookingCalendarFile, bookingMailThroughOutbox } from './mail/booking-mail-outbox';
import { createNotifierRelay } from './realtime/notifier-relay';
import { attachRealtime } from './realtime/socket-server';
import { createRemixHandler } from './remix-handler';
import { startServices, type RunningServices, type SignInLimitOptions } from './services';

const SHUTDOWN_GRACE_MS = 5_000;

export interface RunningServer {
  url: string;
  httpServer: Server;
  /** Sessions: the Socket.io handshake reads the signed-in user through it. */
  auth: AuthService;
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
    const mail = createMail({ config, logger, appUrl: () => appUrl });
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
    return {
      url,
      httpServer,
      auth,
      async close() {
        const httpClosed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
        httpServer.closeIdleConnections();
        // A request in flight (a booking being committed) gets a moment to send its answer.
        const cutOff = setTimeout(() => httpServer.closeAllConnections(), SHUTDOWN_GRACE_MS);
        await realtime.close();
        await httpClosed;
        clearTimeout(cutOff);
        await mail.stop();
        await closeServices();
        await rateLimitRedis?.close();
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
