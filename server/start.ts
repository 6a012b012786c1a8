import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { createApp } from './app';
import type { Config } from './config';
import { openDatabase } from './db/database';
import { createHttpServer } from './http/http-server';
import { connectRateLimitRedis } from './http/rate-limits';
import type { Logger } from './logger';
import { createNotifierRelay } from './realtime/notifier-relay';
import { attachRealtime } from './realtime/socket-server';
import { createRemixHandler } from './remix-handler';
import { startServices, type RunningServices } from './services';

const SHUTDOWN_GRACE_MS = 5_000;

export interface RunningServer {
  url: string;
  httpServer: Server;
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
 * Brings the whole app up: database (embedded unless MONGODB_URI), services, pages and API.
 * `dbName` picks a database on that server (end-to-end tests use one each).
 */
export async function startServer(
  config: Config,
  logger: Logger,
  options: { dbName?: string } = {},
): Promise<RunningServer> {
  const database = await openDatabase(config, logger, { dbName: options.dbName });
  let running: RunningServices | undefined;
  let rateLimitRedis: Awaited<ReturnType<typeof connectRateLimitRedis>> | undefined;
  try {
    const relay = createNotifierRelay();
    running = await startServices({
      notifier: relay.notifier,
      logger,
      redisUrl: config.REDIS_URL,
    });
    const { services, close: closeServices } = running;
    rateLimitRedis = config.REDIS_URL
      ? await connectRateLimitRedis(config.REDIS_URL, logger)
      : undefined;
    const app = await createApp({
      config,
      logger,
      services,
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
      logger,
    });
    relay.connect(realtime.notifier);
    const address = await listen(httpServer, config.PORT, config.HOST).catch(async (error) => {
      await realtime.close();
      throw error;
    });
    const host = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
    return {
      url: `http://${host}:${address.port}`,
      httpServer,
      async close() {
        const httpClosed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
        httpServer.closeIdleConnections();
        // A request in flight (a booking being committed) gets a moment to send its answer.
        const cutOff = setTimeout(() => httpServer.closeAllConnections(), SHUTDOWN_GRACE_MS);
        await realtime.close();
        await httpClosed;
        clearTimeout(cutOff);
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
