import autocannon, { type Instance, type Request as CannonRequest, type Result } from 'autocannon';

import { percentile } from './stats';

/** What one load run measured, whoever made the requests. */
export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** The slowest answer. */
  max: number;
  /** Answers per HTTP status, e.g. `{ 200: 4211 }`; the driver's runs count `ok` instead. */
  statuses: Record<string, number>;
  /** Requests without an answer: connection errors and timeouts (the driver: thrown errors). */
  failures: number;
}

export interface HttpCall {
  method: 'GET' | 'POST';
  /** Called for every request, so runs can spread over experts, clients or slots. */
  next: () => { path: string; body?: unknown };
}

let running: Instance | undefined;
let stopped = false;

/** Ends the run in progress and refuses new ones (Ctrl+C). */
export function stopLoad(): void {
  stopped = true;
  running?.stop();
}

/**
 * `connections` clients, each sending its next request as soon as the previous one is answered,
 * for `seconds` or until `requests` answers (whichever comes first).
 */
export async function loadHttp(
  baseUrl: string,
  call: HttpCall,
  options: { connections: number; seconds: number; requests?: number; timeoutSeconds?: number },
): Promise<LoadResult> {
  if (stopped) throw new Error('stopped');
  const settings: autocannon.Options = {
    url: baseUrl,
    connections: options.connections,
    duration: options.seconds,
    maxOverallRequests: options.requests,
    timeout: options.timeoutSeconds ?? 10,
    requests: [
      {
        method: call.method,
        setupRequest: (request: CannonRequest) => {
          const { path, body } = call.next();
          return body === undefined
            ? { ...request, path }
            : {
                ...request,
                path,
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify(body),
              };
        },
      },
    ],
  };
  try {
    const result = await new Promise<Result>((resolve, reject) => {
      running = autocannon(settings, (error: unknown, result: Result) =>
        error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(result),
      );
    });
    const statuses: Record<string, number> = {};
    for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) {
      if (stat.count) statuses[code] = stat.count;
    }
    const answered = Object.values(statuses).reduce((sum, count) => sum + count, 0);
    // No answer at all leaves autocannon's histogram at zeros, which would read as "instant".
    return {
      requestsPerSecond: result.requests.average,
      p50: answered > 0 ? result.latency.p50 : Number.NaN,
      p99: answered > 0 ? result.latency.p99 : Number.NaN,
      max: answered > 0 ? result.latency.max : Number.NaN,
      statuses,
      // Connection errors and timeouts. Requests still in flight when a timed run ends (one per
      // client, always) are not failures: autocannon never waited for them.
      failures: result.errors,
    };
  } finally {
    running = undefined;
  }
}

/** The same shape of run, with the database driver instead of HTTP: `work` is one "request". */
export async function loadDriver(
  work: () => Promise<unknown>,
  options: { connections: number; seconds: number; requests?: number },
): Promise<LoadResult> {
  const latencies: number[] = [];
  let issued = 0;
  let failed = 0;
  const started = performance.now();
  const until = started + options.seconds * 1000;
  const limit = options.requests ?? Number.POSITIVE_INFINITY;
  async function client(): Promise<void> {
    while (!stopped && performance.now() < until && issued < limit) {
      issued += 1;
      const sent = performance.now();
      try {
        await work();
        latencies.push(performance.now() - sent);
      } catch {
        failed += 1;
      }
    }
  }
  // Like autocannon, the run ends on time: what is still waiting then is neither counted nor failed.
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.all(Array.from({ length: options.connections }, client)),
    new Promise((resolve) => (timer = setTimeout(resolve, options.seconds * 1000))),
  ]);
  clearTimeout(timer);
  const elapsedSeconds = (performance.now() - started) / 1000;
  const answered = [...latencies].sort((a, b) => a - b);
  return {
    requestsPerSecond: answered.length / elapsedSeconds,
    p50: percentile(answered, 50),
    p99: percentile(answered, 99),
    max: answered.at(-1) ?? Number.NaN,
    statuses: { ok: answered.length },
    failures: failed,
  };
}
