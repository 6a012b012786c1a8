/**
 * Whether the server has finished work left over from a run, judged from the times (ms, oldest
 * first) of cheap probe requests sent one after another: the last one is as quick as before any
 * load, or the last three are level, so no backlog is draining any more (on a busy machine the
 * quiet time may never come back).
 */
export function isSettled(probes: readonly number[], quietMs: number): boolean {
  const last = probes.at(-1);
  if (last === undefined) return false;
  if (last <= Math.max(2 * quietMs, quietMs + 20)) return true;
  if (probes.length < 3) return false;
  const recent = probes.slice(-3);
  const low = Math.min(...recent);
  return Math.max(...recent) <= low * 1.2;
}
