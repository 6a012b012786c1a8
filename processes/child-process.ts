import { spawn, type ChildProcess } from 'node:child_process';

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
 * Asks a running child to stop with stopSignal, kills it if it is still there after graceMs, and
 * waits until it has exited (`exited` from whenExited).
 */
export async function stopChild(
  child: ChildProcess,
  exited: Promise<void>,
  graceMs: number,
  stopSignal: NodeJS.Signals = 'SIGTERM',
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(stopSignal);
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Another user to run a command as (PostgreSQL refuses to run as root). */
export interface RunAs {
  uid: number;
  gid: number;
}

/**
 * Runs a command to completion; resolves its stdout, rejects with the tail of its output.
 * `input` is written to its stdin, which is then closed.
 */
export function runCommand(
  command: string,
  args: string[],
  options: {
    cwd: string;
    env: NodeJS.ProcessEnv;
    input?: string;
    runAs?: RunAs;
    onLine?: (line: string) => void;
  },
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      ...options.runAs,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-8_000);
      for (const line of chunk.split('\n')) if (line.trim()) options.onLine?.(line.trim());
    });
    child.stdin?.end(options.input);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code === 0) resolve(stdout);
      else {
        const status = signal ? `signal ${signal}` : `exit code ${code}`;
        const output = (stderr.trim() || stdout.trim()).slice(-8_000);
        reject(new Error(`\`${[command, ...args].join(' ')}\` failed (${status}):\n${output}`));
      }
    });
  });
}
