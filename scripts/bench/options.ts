import { positiveInteger } from './env';

/** What a run does, from the environment; every value has a default (issue 9's). */
export interface BenchOptions {
  /** Seconds per load run. */
  seconds: number;
  /** Concurrent clients of the load runs. */
  connections: number;
  experts: number;
  bookings: number;
  /** Requests of the runs with one client (fewer when `seconds` runs out first). */
  aloneRequests: number;
  /** Clients racing for one slot. */
  racers: number;
  overloadConnections: number;
  /** Where to write the report as well, from `--out FILE`. */
  out?: string;
}

export const USAGE = 'Usage: npm run bench [-- --out docs/benchmarks.md]';

/** Reads the knobs and arguments, or throws one line naming what is wrong. */
export function readOptions(
  args: readonly string[],
  env: Record<string, string | undefined> = process.env,
): BenchOptions {
  const extra = args.length === 2 && args[0] === '--out' && args[1] ? { out: args[1] } : {};
  if (args.length > 0 && !extra.out) throw new Error(`Unknown arguments: ${args.join(' ')}`);
  return {
    seconds: positiveInteger('BENCH_DURATION', 10, env),
    connections: positiveInteger('BENCH_CONNECTIONS', 50, env),
    experts: positiveInteger('BENCH_EXPERTS', 1000, env),
    bookings: positiveInteger('BENCH_BOOKINGS', 100_000, env),
    aloneRequests: positiveInteger('BENCH_ALONE_REQUESTS', 200, env),
    racers: positiveInteger('BENCH_RACE', 1000, env),
    overloadConnections: positiveInteger('BENCH_OVERLOAD_CONNECTIONS', 500, env),
    ...extra,
  };
}
