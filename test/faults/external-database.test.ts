import { useAppBehindProxy } from '../support/app-behind-proxy';
import {
  createStreamExpert,
  freeSlots,
  sendBooking,
  type BookingAttempt,
  type StreamSlot,
} from '../support/booking-stream';
import { bookingInput } from '../support/builders';
import { untilReady } from '../support/embedded-app';
import { reportFaultCounts } from '../support/fault-report';

// The app as `npm start` runs it with MONGODB_URI: it starts nothing and relies on the driver to
// reconnect. It reaches the test run's database through a proxy the test cuts, as a crash or a
// network failure would. Needs `npm run build`.

const behind = useAppBehindProxy();

describe('an external database (MONGODB_URI) that goes away and comes back', () => {
  it('answers 503 DATABASE_UNAVAILABLE within seconds while it is gone, and serves again by itself', async () => {
    const expertId = await createStreamExpert();
    // Four slots the app itself offers: it runs on the real clock.
    const [before, ...outage] = await freeSlots(behind.app.baseUrl, expertId, 4);
    const booking = (slot: StreamSlot, index: number) =>
      bookingInput(expertId, { email: `outage-${index}@example.com`, ...slot });
    expect(
      (await sendBooking(behind.app.baseUrl, booking(before!, 0), 'key-before-outage')).outcome,
    ).toBe(201);

    behind.proxy.cut();
    const during: BookingAttempt[] = [];
    for (const [index, slot] of outage.entries()) {
      during.push(
        await sendBooking(
          behind.app.baseUrl,
          booking(slot, index + 1),
          `key-during-outage-${index + 1}`,
        ),
      );
    }
    const page = await fetch(`${behind.app.baseUrl}/experts/${expertId}?day=${before!.date}`, {
      headers: { accept: 'text/html' },
    });
    const readyz = await fetch(`${behind.app.baseUrl}/readyz`);

    behind.proxy.restore();
    const backAfterMs = await untilReady(behind.app.baseUrl);
    const retries: BookingAttempt[] = [];
    for (const attempt of during) {
      retries.push(await sendBooking(behind.app.baseUrl, attempt.body, attempt.idempotencyKey));
    }
    reportFaultCounts('MONGODB_URI through a proxy that is cut, then restored', {
      duringOutage: during.map(({ outcome, code, ms }) => ({ outcome, code, ms })),
      page: page.status,
      readyz: readyz.status,
      readyAgainAfterRestoreMs: backAfterMs,
      retryAnswers: retries.map((each) => each.outcome),
    });

    for (const attempt of during) {
      expect(attempt).toMatchObject({
        outcome: 503,
        code: 'DATABASE_UNAVAILABLE',
        retryAfter: '1',
      });
    }
    expect(page.status).toBe(503);
    expect(await page.text()).toContain('Back in a moment');
    expect(readyz.status).toBe(503);
    expect(await readyz.json()).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
    expect(retries.map((each) => each.outcome)).toEqual([201, 201, 201]);
  }, 60_000);
});
