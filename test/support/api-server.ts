import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { pino } from 'pino';

import { createApp } from '../../server/app';
import { createServices } from '../../server/services';
import type { SlotBookedEvent } from '../../server/services/slot-notifier';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

/** A fixed "now" keeps slot dates and the past/future rule independent of the day tests run. */
export const NOW = new Date('2030-03-04T10:00:00Z');

/**
 * The real Express app with the JSON API on a real loopback port, backed by the test database.
 * Pages are not served: API tests do not need a Remix build.
 */
export async function startApiServer({ clock = () => NOW }: { clock?: () => Date } = {}) {
  const events: SlotBookedEvent[] = [];
  const logger = pino({ level: 'silent' });
  const services = createServices({
    notifier: { slotBooked: (event) => events.push(event) },
    logger,
    clock,
  });
  const app = await createApp({
    config: { NODE_ENV: 'test', ADMIN_TOKEN },
    logger,
    services,
    createPageHandler: () => (_req, res) => {
      res.status(404).send('Pages are not served in API tests.');
    },
  });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    events,
    services,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
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
  init: { method?: string; json?: unknown; body?: string; headers?: Record<string, string> } = {},
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
