// @vitest-environment jsdom
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { createRemixStub } from '@remix-run/testing';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { pino } from 'pino';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { expertRoom } from '../../server/realtime/rooms';
import { attachRealtime, type Realtime } from '../../server/realtime/socket-server';
import { SLOT_BOOKED, SLOT_RELEASED, type SlotBookedEvent } from '../../shared/schemas/realtime';
import { useSlotUpdates } from './use-slot-updates';

const ADA = '0123456789abcdef0123abcd';
const GRACE = 'fedcba9876543210fedc4321';
const WAIT = { timeout: 10_000 };

/** A real Socket.io server as the app runs it, with two known experts instead of a database. */
async function startLiveServer(port = 0) {
  const httpServer = createServer();
  const realtime = await attachRealtime(httpServer, {
    experts: { exists: (id: string) => Promise.resolve(id === ADA || id === GRACE) },
    logger: pino({ level: 'silent' }),
  });
  let connections = 0;
  realtime.io.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => httpServer.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`,
    realtime,
    connections: () => connections,
    members: (expertId: string) =>
      realtime.io.of('/').adapter.rooms.get(expertRoom(expertId))?.size ?? 0,
    close: () => closeLiveServer(httpServer, realtime),
  };
}

async function closeLiveServer(httpServer: HttpServer, realtime: Realtime) {
  const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
  httpServer.closeAllConnections();
  await realtime.close();
  await closed;
}

let server: Awaited<ReturnType<typeof startLiveServer>>;
/** What the loader "reads from the database"; its calls are counted to see revalidations. */
let loads = 0;
let takenInDatabase: string[] = [];

function renderPage(initialExpert = ADA) {
  function Page() {
    const data = useLoaderData<typeof loader>();
    const [expertId, setExpertId] = useState(initialExpert);
    const [seen, setSeen] = useState<SlotBookedEvent[]>([]);
    const [released, setReleased] = useState<SlotBookedEvent[]>([]);
    // New callbacks on every render, as a page would write them.
    useSlotUpdates(expertId, (event) => setSeen((before) => [...before, event]), {
      url: server.url,
      onSlotReleased: (event) => setReleased((before) => [...before, event]),
    });
    return (
      <main>
        <p>loads: {data.loads}</p>
        <p>taken: {data.taken.join(', ')}</p>
        <ul aria-label="live events">
          {seen.map((event) => (
            <li key={`${event.date} ${event.timeSlot}`}>
              {event.expertId} {event.date} {event.timeSlot}
            </li>
          ))}
        </ul>
        <p>
          released:{' '}
          {released.map((event) => `${event.expertId} ${event.date} ${event.timeSlot}`).join(', ')}
        </p>
        <button onClick={() => setExpertId(GRACE)}>Show Grace</button>
      </main>
    );
  }
  const loader = () => {
    loads += 1;
    return json({ loads, taken: takenInDatabase });
  };
  const Stub = createRemixStub([{ path: '/', Component: Page, loader }]);
  return render(<Stub />);
}

function liveEvents(): string[] {
  return screen.queryAllByRole('listitem').map((item) => item.textContent ?? '');
}

beforeEach(async () => {
  loads = 0;
  takenInDatabase = [];
  server = await startLiveServer();
});
afterEach(async () => {
  cleanup();
  await server.close();
});

describe('useSlotUpdates', () => {
  it('joins the room, hands each valid event to the page and revalidates, on one connection', async () => {
    renderPage();
    // The first load, then one revalidation once joined (covers bookings made in between).
    await waitFor(() => expect(screen.getByText('loads: 2')).toBeTruthy(), WAIT);
    expect(server.members(ADA)).toBe(1);

    const room = server.realtime.io.to(expertRoom(ADA));
    room.emit(SLOT_BOOKED, { expertId: ADA, date: '2030-03-05', timeSlot: 'junk' } as never);
    room.emit(SLOT_BOOKED, { expertId: GRACE, date: '2030-03-05', timeSlot: '09:00-10:00' });
    server.realtime.notifier.slotBooked({
      expertId: ADA,
      date: '2030-03-05',
      timeSlot: '09:00-10:00',
    });
    await waitFor(() => expect(liveEvents()).toHaveLength(1), WAIT);
    server.realtime.notifier.slotBooked({
      expertId: ADA,
      date: '2030-03-05',
      timeSlot: '10:00-11:00',
    });
    await waitFor(() => expect(liveEvents()).toHaveLength(2), WAIT);

    // Junk and other experts' payloads were dropped; the two real ones arrived in order.
    expect(liveEvents()).toEqual([
      `${ADA} 2030-03-05 09:00-10:00`,
      `${ADA} 2030-03-05 10:00-11:00`,
    ]);
    await waitFor(() => expect(screen.getByText('loads: 4')).toBeTruthy(), WAIT);
    // Re-rendering with new callbacks did not open new connections.
    expect(server.connections()).toBe(1);
  });

  it('hands each slot_released of this expert to the page and revalidates', async () => {
    renderPage();
    await waitFor(() => expect(screen.getByText('loads: 2')).toBeTruthy(), WAIT);

    server.realtime.io
      .to(expertRoom(ADA))
      .emit(SLOT_RELEASED, { expertId: GRACE, date: '2030-03-05', timeSlot: '09:00-10:00' });
    server.realtime.notifier.slotReleased({
      expertId: ADA,
      date: '2030-03-05',
      timeSlot: '09:00-10:00',
    });

    await waitFor(
      () => expect(screen.getByText(`released: ${ADA} 2030-03-05 09:00-10:00`)).toBeTruthy(),
      WAIT,
    );
    await waitFor(() => expect(screen.getByText('loads: 3')).toBeTruthy(), WAIT);
    expect(liveEvents()).toEqual([]);
  });

  it('revalidates when the expert saves new rules, and only for this expert', async () => {
    renderPage();
    await waitFor(() => expect(screen.getByText('loads: 2')).toBeTruthy(), WAIT);

    server.realtime.notifier.availabilityChanged({ expertId: GRACE });
    server.realtime.notifier.availabilityChanged({ expertId: ADA });

    await waitFor(() => expect(screen.getByText('loads: 3')).toBeTruthy(), WAIT);
    // Grace's change went to her room only: no further load follows.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(screen.getByText('loads: 3')).toBeTruthy();
    expect(liveEvents()).toEqual([]);
  });

  it('re-joins and revalidates after a dropped connection, so nothing booked meanwhile is missed', async () => {
    renderPage();
    await waitFor(() => expect(screen.getByText('loads: 2')).toBeTruthy(), WAIT);

    // The network drops; meanwhile someone books, and nobody is in the room to hear it.
    const [socket] = await server.realtime.io.fetchSockets();
    const left = new Promise<void>((resolve) =>
      server.realtime.io
        .of('/')
        .sockets.get(socket!.id)!
        .once('disconnect', () => resolve()),
    );
    server.realtime.io.of('/').sockets.get(socket!.id)!.conn.close();
    await left;
    takenInDatabase = ['2030-03-05 09:00-10:00'];
    server.realtime.notifier.slotBooked({
      expertId: ADA,
      date: '2030-03-05',
      timeSlot: '09:00-10:00',
    });

    // Socket.io reconnects by itself; the hook joins again and reloads the data.
    await waitFor(
      () => expect(screen.getByText('taken: 2030-03-05 09:00-10:00')).toBeTruthy(),
      WAIT,
    );
    expect(server.connections()).toBe(2);
    expect(server.members(ADA)).toBe(1);

    server.realtime.notifier.slotBooked({
      expertId: ADA,
      date: '2030-03-05',
      timeSlot: '14:00-15:00',
    });
    await waitFor(() => expect(liveEvents()).toEqual([`${ADA} 2030-03-05 14:00-15:00`]), WAIT);
  });

  it('comes back after a server restart on the same port', async () => {
    renderPage();
    await waitFor(() => expect(screen.getByText('loads: 2')).toBeTruthy(), WAIT);
    const port = Number(new URL(server.url).port);

    await server.close();
    takenInDatabase = ['2030-03-05 10:00-11:00'];
    server = await startLiveServer(port);

    await waitFor(
      () => expect(screen.getByText('taken: 2030-03-05 10:00-11:00')).toBeTruthy(),
      WAIT,
    );
    expect(server.members(ADA)).toBe(1);
  });

  it('moves to the new expert when the id changes, and disconnects on unmount', async () => {
    const page = renderPage();
    await waitFor(() => expect(server.members(ADA)).toBe(1), WAIT);

    act(() => screen.getByRole('button', { name: 'Show Grace' }).click());
    await waitFor(() => expect(server.members(GRACE)).toBe(1), WAIT);
    await waitFor(() => expect(server.members(ADA)).toBe(0), WAIT);

    page.unmount();
    await waitFor(() => expect(server.realtime.io.of('/').sockets.size).toBe(0), WAIT);
  });
});
