import type { Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';

import { ADMIN_TOKEN, callApi, useApiServer } from '../../test/support/api-server';
import { bookingInput, createExpert, dayFromNow } from '../../test/support/builders';
import {
  connectConsole as connect,
  openConsoleSocket as openSocket,
  refusal,
  type ConsoleClient,
} from '../../test/support/console-client';
import { watchExpert, type LiveClient } from '../../test/support/live-client';
import { signedInCookie } from '../../test/support/session-cookie';
import { createUser, type TestUser } from '../../test/support/sign-in';
import { SESSION_COOKIE_NAME } from '../auth';
import { createAccountsService } from '../services/accounts';

const api = await useApiServer({ realtime: true });

const sockets: Socket[] = [];
const publicClients: LiveClient[] = [];
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  for (const client of publicClients.splice(0)) client.close();
});

function openConsoleSocket(cookie?: string): Socket {
  const socket = openSocket(api.baseUrl, cookie);
  sockets.push(socket);
  return socket;
}

async function connectConsole(user: TestUser): Promise<ConsoleClient> {
  const client = await connect(api.baseUrl, user);
  sockets.push(client.socket);
  return client;
}

async function book(expertId: string, overrides: Record<string, unknown> = {}) {
  const answer = await callApi(api.baseUrl, '/api/bookings', {
    method: 'POST',
    json: bookingInput(expertId, overrides),
  });
  expect(answer.status).toBe(201);
  return (answer.body as { data: { id: string; manageToken: string } }).data;
}

describe('the console handshake', () => {
  it('refuses a socket without a session cookie, saying why', async () => {
    const answer = await refusal(openConsoleSocket());
    expect(answer).toEqual({
      message: 'Sign in to get live updates of your bookings.',
      data: { code: 'UNAUTHORIZED' },
    });
  });

  it('refuses a forged cookie and a real one whose signature was tampered with', async () => {
    const expert = await createExpert();
    const user = await createUser({ role: 'expert', expertId: expert.id });
    const real = await signedInCookie(api.baseUrl, user);
    // The same session, its signature's last characters changed.
    const tampered = `${real.slice(0, -2)}${real.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(tampered).not.toBe(real);
    for (const cookie of [`${SESSION_COOKIE_NAME}=forged-session`, tampered]) {
      expect((await refusal(openConsoleSocket(cookie))).data).toEqual({ code: 'UNAUTHORIZED' });
    }
  });

  it('leaves the public namespace open to everyone, as before', async () => {
    const expert = await createExpert();
    const watcher = await watchExpert(api.baseUrl, expert.id);
    publicClients.push(watcher);
    expect(watcher.socket.connected).toBe(true);
  });
});

describe('console rooms', () => {
  it('lets an expert join only their own room, and an admin any or all', async () => {
    const [own, other] = await Promise.all([createExpert(), createExpert()]);
    const expert = await connectConsole(await createUser({ role: 'expert', expertId: own.id }));
    const forbidden = {
      ok: false,
      code: 'FORBIDDEN',
      message: 'You can follow only your own bookings.',
    };
    expect(await expert.join({ expertId: other.id })).toEqual(forbidden);
    expect(await expert.join({})).toEqual(forbidden);
    expect(await expert.join({ expertId: { $ne: null } })).toMatchObject({
      ok: false,
      code: 'INVALID_REQUEST',
    });
    expect(await expert.join({ expertId: own.id })).toEqual({ ok: true });

    const admin = await connectConsole(await createUser({ role: 'admin' }));
    expect(await admin.join({ expertId: other.id })).toEqual({ ok: true });
    expect(await admin.join({})).toEqual({ ok: true });
  });

  it('tells the expert’s consoles of each change with the client’s name, and nobody else', async () => {
    const [own, other] = await Promise.all([createExpert(), createExpert()]);
    const expert = await connectConsole(await createUser({ role: 'expert', expertId: own.id }));
    const otherExpert = await connectConsole(
      await createUser({ role: 'expert', expertId: other.id }),
    );
    const admin = await connectConsole(await createUser({ role: 'admin' }));
    const adminOfOther = await connectConsole(await createUser({ role: 'admin' }));
    await expert.join({ expertId: own.id });
    await otherExpert.join({ expertId: other.id });
    await admin.join({});
    await adminOfOther.join({ expertId: other.id });
    const publicWatcher = await watchExpert(api.baseUrl, own.id);
    publicClients.push(publicWatcher);

    const created = await book(own.id, { name: 'Ada Lovelace' });
    const patched = await callApi(api.baseUrl, `/api/bookings/${created.id}/status`, {
      method: 'PATCH',
      json: { status: 'Confirmed' },
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(patched.status).toBe(200);
    const moved = await callApi(api.baseUrl, `/api/bookings/${created.id}/reschedule`, {
      method: 'POST',
      json: { date: dayFromNow(2), timeSlot: '10:00-11:00' },
      headers: { authorization: `Bearer ${created.manageToken}` },
    });
    expect(moved.status).toBe(200);
    const cancelled = await callApi(api.baseUrl, `/api/bookings/${created.id}/cancel`, {
      method: 'POST',
      json: { reason: 'Plans changed' },
      headers: { authorization: `Bearer ${created.manageToken}` },
    });
    expect(cancelled.status).toBe(200);

    const base = { bookingId: created.id, expertId: own.id, name: 'Ada Lovelace' };
    const expected = [
      {
        ...base,
        change: 'booked',
        by: 'client',
        date: dayFromNow(1),
        timeSlot: '09:00-10:00',
        status: 'Pending',
      },
      {
        ...base,
        change: 'status',
        by: 'admin',
        date: dayFromNow(1),
        timeSlot: '09:00-10:00',
        status: 'Confirmed',
      },
      {
        ...base,
        change: 'rescheduled',
        by: 'client',
        date: dayFromNow(2),
        timeSlot: '10:00-11:00',
        status: 'Pending',
      },
      {
        ...base,
        change: 'cancelled',
        by: 'client',
        date: dayFromNow(2),
        timeSlot: '10:00-11:00',
        status: 'Cancelled',
      },
    ];
    await Promise.all([expert.waitForEvents(4), admin.waitForEvents(4)]);
    await Promise.all([expert, admin, otherExpert, adminOfOther].map((client) => client.flush()));
    await publicWatcher.flush();
    expect(expert.events).toStrictEqual(expected);
    // In the all-experts room and not in the expert's: once.
    expect(admin.events).toStrictEqual(expected);
    expect(otherExpert.events).toEqual([]);
    expect(adminOfOther.events).toEqual([]);
    // The public room hears slots, and nothing about the person.
    for (const event of publicWatcher.events) {
      expect(Object.keys(event as object).sort()).toEqual(['date', 'expertId', 'timeSlot']);
    }
    expect(publicWatcher.events).toHaveLength(2);
  });
});

describe('sessions that end', () => {
  it('re-reads the session at every join: once it ended elsewhere, the join is refused and the socket cut', async () => {
    const expert = await createExpert();
    const user = await createUser({ role: 'expert', expertId: expert.id });
    const client = await connectConsole(user);
    expect(await client.join({ expertId: expert.id })).toEqual({ ok: true });

    // Signed out on another instance: only the account's stamp says so.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await createAccountsService({ clock: () => new Date() }).endSessions(user.id);
    const disconnected = new Promise<string>((resolve) =>
      client.socket.once('disconnect', resolve),
    );

    expect(await client.join({ expertId: expert.id })).toEqual({
      ok: false,
      code: 'UNAUTHORIZED',
      message: 'Your session has ended: sign in again.',
    });
    expect(await disconnected).toBe('io server disconnect');
    await book(expert.id);
    expect(client.events).toEqual([]);
  });
});
