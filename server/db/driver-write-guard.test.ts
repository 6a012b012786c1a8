import type { Socket } from 'node:net';

import mongoose from 'mongoose';
import { inject } from 'vitest';

import { guardDriverWrites } from './driver-write-guard';

/** What the test reaches inside the driver: a server's monitor and its connection. */
interface DriverInternals {
  topology: {
    s: {
      servers: Map<
        string,
        {
          monitor: {
            connection: {
              socket: { destroy(): void };
              command(ns: unknown, command: object, options: object): Promise<unknown>;
            } | null;
          };
        }
      >;
    };
  };
}

/** Runs `use` on the guarded driver's monitor connection of a fresh client to the test server. */
async function onMonitorConnection(
  use: (connection: { socket: { destroy(): void }; ping(): Promise<unknown> }) => Promise<void>,
): Promise<void> {
  guardDriverWrites();
  const client = await new mongoose.mongo.MongoClient(inject('mongodbUri'), {
    directConnection: true,
  }).connect();
  try {
    const [server] = (client as unknown as DriverInternals).topology.s.servers.values();
    const connection = server!.monitor.connection!;
    await use({
      socket: connection.socket,
      ping: () =>
        connection.command(
          { db: 'admin', collection: '$cmd', toString: () => 'admin.$cmd' },
          { ping: 1 },
          {},
        ),
    });
  } finally {
    await client.close(true);
  }
}

describe('guardDriverWrites', () => {
  it('fails a command written to a connection whose socket is destroyed but not yet closed, instead of leaving it unanswered', async () => {
    await onMonitorConnection(async (connection) => {
      // What a server's death does to a socket the driver has not yet seen close: destroyed at
      // once, 'close' emitted on a later turn of the event loop.
      connection.socket.destroy();
      const tooLate = new Promise((_, reject) => {
        setTimeout(() => reject(new Error('the ping did not fail within 2 s')), 2_000).unref();
      });
      await expect(Promise.race([connection.ping(), tooLate])).rejects.toThrow(/closed/);
    });
  });

  it('fails a command written to a connection its server ended (EPIPE) as a network error', async () => {
    await onMonitorConnection(async (connection) => {
      // The server's FIN was read just before this write, and nothing has closed the socket yet:
      // Node refuses the write as it does then (net.js writeAfterFIN), with EPIPE.
      const socket = connection.socket as unknown as Socket;
      socket.write = (() => {
        const error = Object.assign(new Error('This socket has been ended by the other party'), {
          code: 'EPIPE',
        });
        socket.destroy(error);
        return false;
      }) as Socket['write'];
      await expect(connection.ping()).rejects.toBeInstanceOf(mongoose.mongo.MongoNetworkError);
    });
  });
});
