import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { pino } from 'pino';
import { Server } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';

import type { SessionUser } from '../../shared/schemas/user';
import { openConsoleSocket } from '../../test/support/console-client';
import { attachConsoleNamespace, type SessionReader } from './console-namespace';
import { REALTIME_PATH } from '../../shared/schemas/realtime';

const ADMIN: SessionUser = {
  id: '0123456789abcdef01234567',
  email: 'a@example.com',
  name: 'A',
  role: 'admin',
};

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** The console namespace alone, its sessions read by `readSessionUser`, re-read every 50 ms. */
async function consoleServer(readSessionUser: SessionReader) {
  const httpServer = createServer();
  const io = new Server(httpServer, { path: REALTIME_PATH });
  let signOut: ((userId: string) => void) | undefined;
  const consoles = attachConsoleNamespace(io, {
    readSessionUser,
    sessionsEnded: (listener) => {
      signOut = listener;
      return () => (signOut = undefined);
    },
    recheckEveryMs: 50,
    logger: pino({ level: 'silent' }),
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  closers.push(async () => {
    consoles.stop();
    await io.close();
  });
  const { port } = httpServer.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, signOut: (userId: string) => signOut?.(userId) };
}

function connected(url: string, cookie = 'eb_session=ada') {
  const socket = openConsoleSocket(url, cookie);
  closers.push(async () => void socket.disconnect());
  return new Promise<typeof socket>((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

function disconnection(socket: Awaited<ReturnType<typeof connected>>): Promise<string> {
  return new Promise((resolve) => socket.once('disconnect', resolve));
}

describe('console sockets whose session ends', () => {
  it('are disconnected when the session runs out or the account goes, without any join', async () => {
    let valid = true;
    const server = await consoleServer(async () => (valid ? ADMIN : null));
    const socket = await connected(server.url);

    valid = false;
    expect(await disconnection(socket)).toBe('io server disconnect');
  });

  it('are disconnected at once when their account signs out, and only theirs', async () => {
    const other: SessionUser = { ...ADMIN, id: 'fedcba9876543210fedcba98' };
    const server = await consoleServer(async (cookie) =>
      cookie === 'eb_session=ada' ? ADMIN : other,
    );
    const mine = await connected(server.url);
    const theirs = await connected(server.url, 'eb_session=other');

    const cut = disconnection(mine);
    server.signOut(ADMIN.id);
    expect(await cut).toBe('io server disconnect');
    expect(theirs.connected).toBe(true);
  });
});
