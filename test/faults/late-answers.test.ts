import mongoose from 'mongoose';

import { useAppBehindProxy } from '../support/app-behind-proxy';

// The app as `npm start` runs it, on a database it reaches through a proxy the test freezes: the
// database answers later than a request's deadline, so the deadline answers first and the page's
// own answer comes too late to be sent. Needs `npm run build`.

const DEADLINE_MS = 500;
/** pino's level numbers. */
const WARN = 40;
const ERROR = 50;

const behind = useAppBehindProxy({ REQUEST_TIMEOUT_MS: String(DEADLINE_MS) });

describe('a change that runs out of time', () => {
  it('is told it may have been made, and how to find out, unlike a read', async () => {
    const booking = `/api/bookings/${new mongoose.Types.ObjectId().toString()}`;
    const authorization = `Bearer ${'a'.repeat(32)}`;
    behind.proxy.freeze();
    try {
      const [change, read] = await Promise.all([
        fetch(`${behind.app.baseUrl}${booking}/cancel`, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/json' },
          body: '{}',
        }),
        fetch(`${behind.app.baseUrl}${booking}`, { headers: { authorization } }),
      ]);
      expect(change.status).toBe(503);
      expect(change.headers.get('retry-after')).toBe('1');
      expect(await change.json()).toEqual({
        code: 'SERVICE_UNAVAILABLE',
        message: expect.stringMatching(/may have been done all the same.*Idempotency-Key/),
      });
      expect(read.status).toBe(503);
      expect(await read.json()).toEqual({
        code: 'SERVICE_UNAVAILABLE',
        message: 'The server could not answer in time. Please try again in a moment.',
      });
    } finally {
      behind.proxy.thaw();
    }
  });
});

describe('a page that answers after the deadline answered for it', () => {
  it('is logged once as a warning, with its request, and no error or stack is printed', async () => {
    const path = `/bookings/${new mongoose.Types.ObjectId().toString()}`;
    const token = 'a'.repeat(32);
    const since = behind.app.logs().length;
    behind.proxy.freeze();
    try {
      const response = await fetch(`${behind.app.baseUrl}${path}?token=${token}`, {
        headers: { accept: 'text/html' },
      });
      expect(response.status).toBe(503);
      expect(await response.text()).toContain('<h1>This is taking too long</h1>');
    } finally {
      behind.proxy.thaw();
    }

    const late = () => behind.app.logs().filter((line) => line.msg.includes('already answered'));
    await vi.waitFor(() => expect(late()).not.toEqual([]), { timeout: 15_000 });
    // Long enough for a second line, had the late answer been logged twice.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(late()).toEqual([
      expect.objectContaining({
        level: WARN,
        req: expect.objectContaining({ method: 'GET', path }),
      }),
    ]);
    expect(JSON.stringify(late())).not.toContain(token);
    const logged = behind.app.logs().slice(since);
    expect(logged.filter((line) => typeof line.level !== 'number' || line.level >= ERROR)).toEqual(
      [],
    );
  });
});
