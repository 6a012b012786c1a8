/** Runs a piece of work when its turn comes, and answers what the work answered. */
export type Line = <T>(work: () => Promise<T>) => Promise<T>;

/**
 * At most `places` pieces of work run at once; the others wait, and start in the order they came
 * as places free up. A piece that fails frees its place like one that succeeds.
 */
export function inLine(places: number): Line {
  if (!Number.isInteger(places) || places < 1) {
    throw new RangeError(`A line needs a whole number of places, at least 1 (got ${places}).`);
  }
  let running = 0;
  const waiting: (() => void)[] = [];
  return async function run<T>(work: () => Promise<T>): Promise<T> {
    if (running < places) running += 1;
    else await new Promise<void>((takeTurn) => waiting.push(takeTurn));
    try {
      return await work();
    } finally {
      // The place passes straight to the first in line: one arriving meanwhile cannot take it.
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}
