import { createRequire } from 'node:module';
import type { Socket } from 'node:net';
import path from 'node:path';

import mongoose from 'mongoose';

/** The part of the driver's internal connection class (mongodb/lib/cmap/connection) we wrap. */
interface DriverConnection {
  id: number | '<monitor>';
  address: string;
  socket: Socket;
  onError(error: Error): void;
  writeCommand(command: unknown, options: unknown): Promise<void>;
}

let guarded = false;

const CLOSING_CODES = new Set([
  'EPIPE',
  'ECONNRESET',
  'ERR_STREAM_DESTROYED',
  'ERR_STREAM_WRITE_AFTER_END',
]);

/** A write refused by a socket whose server is gone, rather than by the driver. */
function isSocketClosing(error: unknown): boolean {
  return (
    error instanceof Error &&
    !(error instanceof mongoose.mongo.MongoError) &&
    CLOSING_CODES.has((error as NodeJS.ErrnoException).code ?? '')
  );
}

/**
 * Makes the MongoDB driver fail a command written to a connection whose server has just gone,
 * instead of waiting for ever.
 *
 * When a server dies, each socket reads its end, and Node destroys the socket one turn of the
 * event loop later but emits 'close' only a turn after that. A command the driver writes in
 * between (a retry, or the heartbeat it asks for at once after the first network error) finds
 * `socket.write` returning false, so it waits for 'drain' — which a destroyed socket never
 * emits; it emits no 'error' and no 'timeout' either, and by the time 'close' comes the driver no
 * longer listens for it there (driver 6.20; 7.x writes the same way). The command then never
 * settles: an operation waits until the request deadline answers 503 (one kill of FerretDB in
 * four did this to one request), and a heartbeat that waits so stops the driver's monitor for
 * good, leaving the app answering 503 DATABASE_UNAVAILABLE though the server is back.
 *
 * A socket whose server ended it (FIN read, no close yet) refuses the write with Node's own EPIPE
 * error, which the driver passes on as it is: a 500 for the request, where a network error would
 * have been a 503 and a retry (seen once in a few kills of FerretDB under load).
 *
 * With this guard the write fails as the socket's close would have failed it: a network error,
 * which closes that connection, clears the pool and lets the monitor and retries carry on.
 * Idempotent; applies to every client of the process.
 */
export function guardDriverWrites(): void {
  if (guarded) return;
  guarded = true;
  const require = createRequire(import.meta.url);
  // The driver mongoose runs on, whose internal class this is.
  const driverPath = require.resolve('mongodb', { paths: [require.resolve('mongoose')] });
  const { Connection } = require(path.join(path.dirname(driverPath), 'cmap', 'connection.js')) as {
    Connection: { prototype: DriverConnection };
  };
  const write = Connection.prototype.writeCommand;
  Connection.prototype.writeCommand = function (command, options) {
    const { socket } = this;
    const closed = () => {
      const error = new mongoose.mongo.MongoNetworkError(
        `connection ${this.id} to ${this.address} closed`,
      );
      this.onError(error);
      return error;
    };
    if (socket.destroyed || socket.writableEnded) return Promise.reject(closed());
    return new Promise<void>((resolve, reject) => {
      const onClose = () => reject(closed());
      socket.once('close', onClose);
      write
        .call(this, command, options)
        // The socket's own error (EPIPE: "ended by the other party") is that same closing seen
        // from the write: as itself it would reach the request as a failure nobody understood.
        .then(resolve, (error: unknown) => reject(isSocketClosing(error) ? closed() : error))
        .finally(() => {
          socket.off('close', onClose);
        });
    });
  };
}
