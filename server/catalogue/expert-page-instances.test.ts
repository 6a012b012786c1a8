import { pino } from 'pino';

import { ExpertSchema, type Slot } from '../../shared/schemas/expert';
import { AVAILABILITY_CHANGED, JOIN_EXPERT, REALTIME_PATH } from '../../shared/schemas/realtime';
import { io } from 'socket.io-client';
import { createServices } from '../services';
import { silentNotifier } from '../services/slot-notifier';
import { ADMIN_TOKEN, callApi } from '../../test/support/api-server';
import { bookingInput, createExpert, onlyOn } from '../../test/support/builders';
import { dayFromToday, useTwoInstances } from '../../test/support/two-instances';
import { connectRoomClient, watchExpert } from '../../test/support/live-client';

// The expert's page is served from each instance's read model. Two instances on one database and
// one Redis: A in this test process, B the app as `npm start` runs it in a process of its own.
// Needs Debian's redis-server and a build (`npm run build`).

const SLOTS = ['09:00-10:00', '10:00-11:00', '11:00-12:00', '14:00-15:00'];

describe('the expert page from memory, across two processes sharing Redis', () => {
  const two = useTwoInstances({ ADMIN_TOKEN });
  const instance = (name: 'A' | 'B') => (name === 'A' ? two.a : two.b);

  async function slotOn(baseUrl: string, expertId: string, date: string, timeSlot: string) {
    const answer = await callApi(baseUrl, `/api/experts/${expertId}`);
    expect(answer.status).toBe(200);
    const { slots } = ExpertSchema.parse((answer.body as { data: unknown }).data);
    return slots.find((slot: Slot) => slot.date === date && slot.timeSlot === timeSlot);
  }

  /** An expert offering SLOTS tomorrow, whose page both instances have served once. */
  async function expertOnBoth() {
    const date = dayFromToday(1);
    const expert = await createExpert({ availability: onlyOn([{ date, timeSlots: SLOTS }]) });
    for (const baseUrl of [two.a.baseUrl, two.b.baseUrl]) {
      expect(await slotOn(baseUrl, expert.id, date, SLOTS[0]!)).toMatchObject({ available: true });
    }
    return { expertId: expert.id, date };
  }

  it('a stale page offers a slot that the database then refuses with 409', async () => {
    const { expertId, date } = await expertOnBoth();
    // A booking no instance hears of: a bookings service of its own, telling nobody. Until the
    // next rebuild, A's read model cannot know of it, as if its message were lost.
    const unheard = createServices({
      notifier: silentNotifier,
      catalogue: { ...two.a.catalogue, notifier: { slotBooked() {}, slotReleased() {} } },
      logger: pino({ level: 'silent' }),
    });
    const taken = await unheard.bookings.create(
      bookingInput(expertId, { date, timeSlot: SLOTS[0], email: 'first@example.com' }),
    );
    expect(taken.status).toBe('Pending');

    expect(await slotOn(two.a.baseUrl, expertId, date, SLOTS[0]!)).toMatchObject({
      available: true,
    });
    for (const baseUrl of [two.a.baseUrl, two.b.baseUrl]) {
      const refused = await callApi(baseUrl, '/api/bookings', {
        method: 'POST',
        json: bookingInput(expertId, { date, timeSlot: SLOTS[0], email: 'second@example.com' }),
      });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'SLOT_TAKEN' });
    }
  });

  for (const [through, on, timeSlot] of [
    ['B', 'A', SLOTS[1]!],
    ['A', 'B', SLOTS[2]!],
  ] as const) {
    it(`a booking through ${through} shows on ${on} by the time ${on}’s page hears of it live`, async () => {
      const { expertId, date } = await expertOnBoth();
      const live = await watchExpert(instance(on).baseUrl, expertId);
      try {
        const booked = await callApi(instance(through).baseUrl, '/api/bookings', {
          method: 'POST',
          json: bookingInput(expertId, { date, timeSlot }),
        });
        expect(booked.status).toBe(201);
        // Its own page has it at once: its read model applied the booking before it answered.
        expect(await slotOn(instance(through).baseUrl, expertId, date, timeSlot)).toMatchObject({
          available: false,
          reason: 'booked',
        });
        // The other's page reloads when the event arrives; that very reload shows the slot taken.
        await live.waitForEvents(1);
        expect(await slotOn(instance(on).baseUrl, expertId, date, timeSlot)).toMatchObject({
          available: false,
          reason: 'booked',
        });
      } finally {
        live.close();
      }
    });
  }

  it('new rules saved through B show on A by the time A’s page hears of them live', async () => {
    const { expertId, date } = await expertOnBoth();
    const socket = io(two.a.baseUrl, {
      path: REALTIME_PATH,
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    const live = await connectRoomClient<{ ok: boolean }>(socket, {
      event: AVAILABILITY_CHANGED,
      joinEvent: JOIN_EXPERT,
      waitMs: 15_000,
    });
    try {
      expect(await live.join({ expertId })).toMatchObject({ ok: true });
      const saved = await callApi(two.b.baseUrl, `/api/experts/${expertId}/availability`, {
        method: 'PUT',
        json: {
          ...onlyOn([{ date, timeSlots: ['16:00-17:00'] }]),
          timezone: 'UTC',
        },
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      expect(saved.status).toBe(200);
      await live.waitForEvents(1);
      // A may still be reading the expert again: then the database answers, never the old rules.
      expect(await slotOn(two.a.baseUrl, expertId, date, SLOTS[0]!)).toBeUndefined();
      expect(await slotOn(two.a.baseUrl, expertId, date, '16:00-17:00')).toMatchObject({
        available: true,
      });
    } finally {
      live.close();
    }
  });
});
