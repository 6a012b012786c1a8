import { afterEach, describe, expect, it } from 'vitest';

import { callApi, useApiServer } from '../../test/support/api-server';
import { bookingInput, createExpert, dayFromNow } from '../../test/support/builders';
import { connectLiveClient, watchExpert, type LiveClient } from '../../test/support/live-client';
import { expertRoom } from './rooms';

const ROOM_SIZE = 200;

const api = await useApiServer({ realtime: true });
const clients: LiveClient[] = [];

afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});

async function watch(expertId: string, count = 1): Promise<LiveClient[]> {
  const joined = await Promise.all(
    Array.from({ length: count }, () => watchExpert(api.baseUrl, expertId)),
  );
  clients.push(...joined);
  return joined;
}

async function connect(): Promise<LiveClient> {
  const client = await connectLiveClient(api.baseUrl);
  clients.push(client);
  return client;
}

function postBooking(json: unknown, headers: Record<string, string> = {}) {
  return callApi(api.baseUrl, '/api/bookings', { method: 'POST', json, headers });
}

async function book(expertId: string, overrides: Record<string, unknown> = {}) {
  const answer = await postBooking(bookingInput(expertId, overrides));
  expect(answer.status).toBe(201);
  const { date, timeSlot } = bookingInput(expertId, overrides);
  return { expertId, date, timeSlot };
}

function flushAll(group: LiveClient[]) {
  return Promise.all(group.map((client) => client.flush()));
}

describe('slot_booked over Socket.io', () => {
  it(`reaches each of ${ROOM_SIZE} clients in the expert's room exactly once, and no other room`, async () => {
    const [expert, other] = await Promise.all([createExpert(), createExpert()]);
    const [room, otherRoom] = await Promise.all([watch(expert.id, ROOM_SIZE), watch(other.id, 20)]);
    expect(api.realtime!.io.of('/').adapter.rooms.get(expertRoom(expert.id))?.size).toBe(ROOM_SIZE);

    const booked = await book(expert.id);
    await Promise.all(room.map((client) => client.waitForEvents(1)));
    await flushAll([...room, ...otherRoom]);

    for (const client of room) {
      expect(client.events).toHaveLength(1);
      expect(client.events[0]).toStrictEqual(booked);
    }
    for (const client of otherRoom) expect(client.events).toEqual([]);

    // And the other way round: the other expert's booking stays in the other room.
    const otherBooked = await book(other.id, { timeSlot: '14:00-15:00' });
    await Promise.all(otherRoom.map((client) => client.waitForEvents(1)));
    await flushAll([...room, ...otherRoom]);
    for (const client of otherRoom) expect(client.events).toStrictEqual([otherBooked]);
    for (const client of room) expect(client.events).toStrictEqual([booked]);
  });

  it('sends one event per booking, in booking order', async () => {
    const expert = await createExpert();
    const [client] = await watch(expert.id);

    const first = await book(expert.id, { timeSlot: '09:00-10:00' });
    const second = await book(expert.id, { date: dayFromNow(2), timeSlot: '10:00-11:00' });
    await client!.waitForEvents(2);
    await client!.flush();

    expect(client!.events).toStrictEqual([first, second]);
  });

  it('announces nothing for a failed booking (409, 422, 404, 400)', async () => {
    const expert = await createExpert();
    const [client] = await watch(expert.id);
    const booked = await book(expert.id);
    await client!.waitForEvents(1);

    const failures = [
      await postBooking(bookingInput(expert.id, { email: 'late@example.com' })),
      await postBooking(bookingInput(expert.id, { timeSlot: '18:00-19:00' })),
      await postBooking(bookingInput(expert.id, { date: dayFromNow(-1) })),
      await postBooking(bookingInput('0123456789abcdef01234567')),
      await postBooking(bookingInput(expert.id, { timeSlot: '10:00-11:00', email: 'nope' })),
      await postBooking({ expertId: { $ne: null }, timeSlot: '10:00-11:00' }),
    ];
    await client!.flush();

    expect(failures.map((answer) => answer.status)).toEqual([409, 422, 422, 404, 400, 400]);
    expect(client!.events).toStrictEqual([booked]);
    expect(api.events).toHaveLength(1);
  });

  it('announces an idempotent booking once, however often it is replayed', async () => {
    const expert = await createExpert();
    const [client] = await watch(expert.id);
    const input = bookingInput(expert.id);
    const headers = { 'idempotency-key': 'replayed-attempt-0001' };

    const first = await postBooking(input, headers);
    const replay = await postBooking(input, headers);
    const concurrent = await Promise.all(
      Array.from({ length: 5 }, () => postBooking(input, headers)),
    );
    await client!.waitForEvents(1);
    await client!.flush();

    const ids = [first, replay, ...concurrent].map(
      (answer) => (answer.body as { data: { id: string } }).data.id,
    );
    expect(new Set(ids).size).toBe(1);
    expect(client!.events).toStrictEqual([
      { expertId: expert.id, date: input.date, timeSlot: input.timeSlot },
    ]);
    expect(api.events).toHaveLength(1);
  });

  it('announces once when many people race for one slot', async () => {
    const expert = await createExpert();
    const [client] = await watch(expert.id);

    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        postBooking(bookingInput(expert.id, { email: `racer${i}@example.com` })),
      ),
    );
    await client!.waitForEvents(1);
    await client!.flush();

    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(1);
    expect(client!.events).toHaveLength(1);
  });
});

describe('joining a room', () => {
  it.each([
    ['a bare string', 'not-an-object', 'INVALID_REQUEST'],
    ['nothing', undefined, 'INVALID_REQUEST'],
    ['a malformed id', { expertId: 'abc' }, 'INVALID_REQUEST'],
    ['an object for the id', { expertId: { $ne: null } }, 'INVALID_REQUEST'],
    ['an array for the id', { expertId: ['0123456789abcdef01234567'] }, 'INVALID_REQUEST'],
    ['an unknown expert', { expertId: '0123456789abcdef01234567' }, 'NOT_FOUND'],
  ])('refuses %s and joins nothing', async (_what, request, code) => {
    const expert = await createExpert();
    const [witness] = await watch(expert.id);
    const junk = await connect();

    const answer = await junk.join(request);

    expect(answer).toMatchObject({ ok: false, code });
    const serverSide = api.realtime!.io.of('/').sockets.get(junk.socket.id!);
    expect([...serverSide!.rooms]).toEqual([junk.socket.id]);

    await book(expert.id);
    await witness!.waitForEvents(1);
    await junk.flush();
    expect(junk.events).toEqual([]);
  });

  it('refuses an expert id sent as the bare argument instead of { expertId }', async () => {
    const expert = await createExpert();
    const junk = await connect();
    expect(await junk.join(expert.id)).toMatchObject({ ok: false, code: 'INVALID_REQUEST' });
  });

  it('treats ids in capitals as the same expert, on joins and on bookings', async () => {
    const expert = await createExpert();
    const client = await connect();

    expect(await client.join({ expertId: expert.id.toUpperCase() })).toEqual({
      ok: true,
      expertId: expert.id,
    });
    const booked = await book(expert.id.toUpperCase());
    await client.waitForEvents(1);
    await client.flush();
    expect(client.events).toStrictEqual([{ ...booked, expertId: expert.id }]);
  });

  it('keeps a socket in one expert room: joining another leaves the first', async () => {
    const [first, second] = await Promise.all([createExpert(), createExpert()]);
    const client = await connect();
    await client.join({ expertId: first.id });
    await client.join({ expertId: second.id });

    const serverSide = api.realtime!.io.of('/').sockets.get(client.socket.id!);
    expect([...serverSide!.rooms].sort()).toEqual([client.socket.id, expertRoom(second.id)].sort());

    await book(first.id);
    const booked = await book(second.id);
    await client.waitForEvents(1);
    await client.flush();
    expect(client.events).toStrictEqual([booked]);
  });

  it('leaves the room when the client disconnects', async () => {
    const expert = await createExpert();
    const [client] = await watch(expert.id);
    const rooms = api.realtime!.io.of('/').adapter.rooms;
    expect(rooms.get(expertRoom(expert.id))?.size).toBe(1);

    const gone = new Promise<void>((resolve) =>
      api
        .realtime!.io.of('/')
        .sockets.get(client!.socket.id!)!
        .once('disconnect', () => resolve()),
    );
    client!.close();
    await gone;

    expect(rooms.has(expertRoom(expert.id))).toBe(false);
  });
});
