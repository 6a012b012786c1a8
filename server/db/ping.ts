import type { Connection } from 'mongoose';

/** Connection.readyState of a connection that is up. */
const CONNECTED = 1;

/**
 * Resolves once the database behind `connection` answers a ping, and rejects when it is not
 * connected or does not answer within `timeoutMs`. The driver would otherwise wait for its
 * server selection timeout (seconds) before giving up on a server that has gone silent.
 */
export async function pingDatabase(connection: Connection, timeoutMs: number): Promise<void> {
  const db = connection.db;
  if (connection.readyState !== CONNECTED || !db) throw new Error('database not connected');
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`database did not answer a ping in ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  const ping = db.command({ ping: 1 });
  // The ping may still fail after the deadline has answered for it.
  ping.catch(() => undefined);
  try {
    await Promise.race([ping, expired]);
  } finally {
    clearTimeout(timer);
  }
}
