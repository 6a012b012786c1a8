import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { inLine } from './in-line';

describe('inLine, whatever order the pieces end in', () => {
  it('never runs more than its places at once, starts each piece once in the order it came, and answers each caller its own outcome', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.boolean(), { maxLength: 12 }),
        async (scheduler, places, fails) => {
          const line = inLine(places);
          let running = 0;
          let most = 0;
          const started: number[] = [];
          const outcomes = fails.map((fail, index) =>
            line(async () => {
              started.push(index);
              running += 1;
              most = Math.max(most, running);
              try {
                await scheduler.schedule(Promise.resolve(), `piece ${index} ends`);
                if (fail) throw new Error(`piece ${index} failed`);
                return index;
              } finally {
                running -= 1;
              }
            }).then(
              (answer) => ({ answer }),
              (error: Error) => ({ error: error.message }),
            ),
          );
          const answered = await scheduler.waitFor(Promise.all(outcomes));

          expect(most).toBeLessThanOrEqual(places);
          expect(started).toEqual(fails.map((_, index) => index));
          expect(answered).toEqual(
            fails.map((fail, index) =>
              fail ? { error: `piece ${index} failed` } : { answer: index },
            ),
          );
        },
      ),
    );
  });
});
