import { describe, expect, it } from 'vitest';

import { inLine } from './in-line';

/** A piece of work that ends when the test says so. */
function heldWork<T>(answer: T) {
  let finish!: () => void;
  let fail!: (error: Error) => void;
  let started = false;
  const ended = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return {
    work: async () => {
      started = true;
      await ended;
      return answer;
    },
    get started() {
      return started;
    },
    finish: () => finish(),
    fail: (error: Error) => fail(error),
  };
}

/** Lets every callback already due run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('inLine', () => {
  it('runs as many at once as it has places; the next starts when one ends', async () => {
    const line = inLine(2);
    const [first, second, third] = [heldWork('a'), heldWork('b'), heldWork('c')];
    const answers = [first, second, third].map((held) => line(held.work));
    await settle();
    expect([first.started, second.started, third.started]).toEqual([true, true, false]);

    second.finish();
    await settle();
    expect(third.started).toBe(true);
    first.finish();
    third.finish();
    expect(await Promise.all(answers)).toEqual(['a', 'b', 'c']);
  });

  it('frees the place of a piece that failed, and hands its caller the error', async () => {
    const line = inLine(1);
    const failing = heldWork('never');
    const next = heldWork('next');
    const failed = line(failing.work);
    const after = line(next.work);
    await settle();
    expect(next.started).toBe(false);

    failing.fail(new Error('the database said no'));
    await expect(failed).rejects.toThrow('the database said no');
    await settle();
    expect(next.started).toBe(true);
    next.finish();
    expect(await after).toBe('next');
  });

  it('gives a freed place to the first in line, not to one that arrives meanwhile', async () => {
    const line = inLine(1);
    const running = heldWork('running');
    const waiting = heldWork('waiting');
    const late = heldWork('late');
    void line(running.work);
    const waited = line(waiting.work);
    await settle();

    running.finish();
    const arrivedLate = line(late.work);
    await settle();
    expect(waiting.started).toBe(true);
    expect(late.started).toBe(false);
    waiting.finish();
    await waited;
    await settle();
    expect(late.started).toBe(true);
    late.finish();
    expect(await arrivedLate).toBe('late');
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses %s places', (places) => {
    expect(() => inLine(places)).toThrow(RangeError);
  });
});
