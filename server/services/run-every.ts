/**
 * Runs `task` every `everyMs`, never two runs at once (a slow run makes the next tick skip), with
 * the timer unref'd so that it never keeps the process alive. stop() waits for a run under way.
 */
export function runEvery(everyMs: number, task: () => Promise<unknown>): { stop(): Promise<void> } {
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    running ??= task().finally(() => (running = undefined));
  }, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
