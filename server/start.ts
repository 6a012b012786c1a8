import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { createApp } from './app';
import type { Config } from './config';
import { openDatabase } from './db/database';
import type { Logger } from './logger';
import { createRemixHandler } from './remix-handler';
import { createServices } from './services';
import { silentNotifier } from './services/slot-notifier';

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

/** Brings the whole app up: database (embedded unless MONGODB_URI), services, pages and API. */
export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const database = await openDatabase(config, logger);
  try {
    const services = createServices({ notifier: silentNotifier, logger });
    const app = await createApp({
      config,
      logger,
      services,
      createPageHandler: (getLoadContext) =>
        createRemixHandler({
          mode: config.NODE_ENV === 'development' ? 'development' : 'production',
          getLoadContext,
          logger,
        }),
    });
    const httpServer = createServer(app);
    const address = await listen(httpServer, config.PORT, config.HOST);
    const host = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
    return {
      url: `http://${host}:${address.port}`,
      httpServer,
      async close() {
        await new Promise<void>((resolve) => {
          httpServer.close(() => resolve());
          httpServer.closeAllConnections();
        });
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
