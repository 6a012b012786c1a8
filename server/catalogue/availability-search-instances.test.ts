import { callApi } from '../../test/support/api-server';
import { bookingInput, createExpert, onlyOn } from '../../test/support/builders';
import { dayFromToday, useTwoInstances } from '../../test/support/two-instances';

// Two instances on one database and one Redis: A runs in this test process, B is the app as
// `npm start` runs it, in a process of its own, so B learns of A's bookings only through the
// read model's Redis feed. Needs Debian's redis-server and a build (`npm run build`).

/** Within a second, as the issue asks; polled far more often. */
const OTHER_INSTANCE_MS = 1_000;

describe('availability search across two processes sharing Redis', () => {
  const two = useTwoInstances();

  async function freeOn(baseUrl: string, day: string): Promise<string[]> {
    const answer = await callApi(baseUrl, `/api/experts?availableOn=${day}&limit=50`);
    expect(answer.status).toBe(200);
    return (answer.body as { data: { name: string }[] }).data.map((expert) => expert.name).sort();
  }

  async function within(ms: number, baseUrl: string, day: string, expected: string[]) {
    const deadline = Date.now() + ms;
    let seen = await freeOn(baseUrl, day);
    while (JSON.stringify(seen) !== JSON.stringify(expected) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      seen = await freeOn(baseUrl, day);
    }
    return seen;
  }

  it('drops an expert booked out on A from the day’s results on B within a second', async () => {
    const day = dayFromToday(3);
    const one = { ...onlyOn([{ date: day, timeSlots: ['09:00-10:00'] }]), minimumNoticeMinutes: 0 };
    const busy = await createExpert({ name: 'Booked Out', availability: one });
    await createExpert({ name: 'Still Free', availability: one });
    // Both instances know both experts before the booking.
    expect(await within(10_000, two.b.baseUrl, day, ['Booked Out', 'Still Free'])).toEqual([
      'Booked Out',
      'Still Free',
    ]);

    const booked = await callApi(two.a.baseUrl, '/api/bookings', {
      method: 'POST',
      json: bookingInput(busy.id, { date: day, timeSlot: '09:00-10:00' }),
    });
    expect(booked.status).toBe(201);
    expect(await freeOn(two.a.baseUrl, day)).toEqual(['Still Free']);
    expect(await within(OTHER_INSTANCE_MS, two.b.baseUrl, day, ['Still Free'])).toEqual([
      'Still Free',
    ]);
  });
});
