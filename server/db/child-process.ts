import type { ChildProcess } from 'node:child_process';

/**
 * Settles once the child is gone. Call it right after spawn: a child that failed to spawn emits
 * only 'error', and one that exits before anyone listens would otherwise never be noticed.
 */
export function whenExited(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
}

/**
 * Asks a running child to stop, kills it if it is still there after graceMs, and waits until it
 * has exited (`exited` from whenExited).
 */
export async function stopChild(
  child: ChildProcess,
  exited: Promise<void>,
  graceMs: number,
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
