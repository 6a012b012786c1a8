import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { runEvery } from './run-every';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('runEvery', () => {
  it('runs the task each period, never twice at once, and stop() waits for a run under way', async () => {
    let started = 0;
    let finish: (() => void) | undefined;
    const periodic = runEvery(1_000, () => {
      started += 1;
      return new Promise<void>((resolve) => (finish = resolve));
    });

    await vi.advanceTimersByTimeAsync(1_000);
    expect(started).toBe(1);
    // Still running: the next ticks skip instead of starting another run.
    await vi.advanceTimersByTimeAsync(3_000);
    expect(started).toBe(1);
    finish!();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(started).toBe(2);

    let stopped = false;
    const stopping = periodic.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    finish!();
    await stopping;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(started).toBe(2);
  });
});
