import { afterEach, beforeEach, vi, type MockInstance } from 'vitest';

/**
 * Every test fails when something logs with console.error that the test did not expect: React's
 * warnings (a missing key, an update outside act(), invalid nesting) and errors caught on the
 * way would otherwise scroll past in a green run. A test that expects one replaces the
 * implementation and checks the call (as epic-stack's tests/setup does):
 *
 *   consoleError.mockImplementation(() => {});
 *   …
 *   expect(consoleError).toHaveBeenCalledWith(expect.stringContaining('…'));
 *
 * The error is raised after the test rather than inside console.error, where the code that logged
 * (React's error handling, a catch block) might swallow it.
 */
export let consoleError: MockInstance<(typeof console)['error']>;

let unexpected: unknown[][] = [];

beforeEach(() => {
  unexpected = [];
  const original = console.error;
  consoleError = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    original(...args);
    unexpected.push(args);
  });
});

afterEach(() => {
  consoleError.mockRestore();
  if (unexpected.length === 0) return;
  const first = unexpected[0]!.map((arg) => (arg instanceof Error ? arg.message : String(arg)));
  throw new Error(
    `console.error was called ${unexpected.length} time(s) unexpectedly; the first: ${first.join(' ')}\n` +
      'If the test expects it, call consoleError.mockImplementation(() => {}) from ' +
      'test/setup/fail-on-console-error.ts and check the call.',
  );
});
