import {
  callMisses,
  errorCount,
  GOALS,
  overloadMisses,
  raceMisses,
  verdict,
  type CallFigures,
  type OverloadFigures,
  type RaceFigures,
} from './goals';
import { markdownTable } from './markdown-table';
import { formatMs } from './stats';

export interface RunFacts {
  date: string;
  commit: string;
  cores: number;
  cpu: string;
  node: string;
  backend: string;
  experts: number;
  bookings: number;
  pastBookings: number;
  connections: number;
  seconds: number;
  aloneRequests: number;
}

function rps(value: number | undefined): string {
  return value === undefined || Number.isNaN(value) ? 'n/a' : value.toFixed(value < 10 ? 1 : 0);
}

function ratio(app: number, driver: number | undefined): string {
  return driver ? `${(app / driver).toFixed(2)}×` : 'n/a';
}

/** `200: 4211, 503: 12, no answer: 3`, statuses in order. */
export function formatStatuses(statuses: Record<string, number>, failures = 0): string {
  const parts = Object.entries(statuses)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, count]) => `${status}: ${count}`);
  if (failures > 0) parts.push(`no answer: ${failures}`);
  return parts.join(', ') || 'none';
}

export function callsTable(calls: readonly CallFigures[], connections: number): string {
  const rows = [
    [
      'call',
      `req/s @${connections}`,
      `p50 @${connections}`,
      `p99 @${connections}`,
      'errors',
      'p50 alone',
      `driver req/s @${connections}`,
      'driver p50 alone',
      'app ÷ driver req/s',
      'goals',
    ],
    ...calls.map((call) => [
      call.name,
      rps(call.loaded.requestsPerSecond),
      formatMs(call.loaded.p50),
      formatMs(call.loaded.p99),
      String(errorCount(call.loaded, call.expectedStatus)),
      formatMs(call.alone.p50),
      rps(call.driverLoaded?.requestsPerSecond),
      formatMs(call.driverAlone?.p50),
      ratio(call.loaded.requestsPerSecond, call.driverLoaded?.requestsPerSecond),
      verdict(callMisses(call)),
    ]),
  ];
  return markdownTable(rows, ['left', ...Array<'right'>(8).fill('right'), 'left']);
}

export function stressTable(race: RaceFigures, overload: OverloadFigures): string {
  return markdownTable([
    ['run', 'answers', 'p99', 'then one request', 'goals'],
    [
      `${race.requests}-way race on one slot`,
      formatStatuses(race.statuses, race.failures),
      '',
      '',
      verdict(raceMisses(race)),
    ],
    [
      `overload, ${overload.connections} clients`,
      formatStatuses(overload.result.statuses, overload.result.failures),
      formatMs(overload.result.p99),
      `${overload.after.status || 'no answer'} in ${formatMs(overload.after.ms)} (alone: ${formatMs(overload.normalMs)})`,
      verdict(overloadMisses(overload)),
    ],
  ]);
}

export function renderReport(
  facts: RunFacts,
  calls: readonly CallFigures[],
  race: RaceFigures,
  overload: OverloadFigures,
): string {
  return [
    `Measured ${facts.date} on commit ${facts.commit}: ${facts.cores} cores (${facts.cpu}), ` +
      `Node ${facts.node}, database ${facts.backend}; ${facts.experts} experts, ` +
      `${facts.bookings} bookings (${facts.pastBookings} past).`,
    '',
    `At ${facts.connections} concurrent clients for ${facts.seconds} s each; "alone" is one ` +
      `client, up to ${facts.aloneRequests} requests. "driver" is the raw MongoDB driver doing ` +
      `the call's database work against the same server in the same run; the list has none ` +
      `(n/a): it is served from memory.`,
    '',
    callsTable(calls, facts.connections),
    '',
    stressTable(race, overload),
    '',
    `Goals: p50 alone ≤ ${GOALS.aloneP50Ms} ms; at ${facts.connections} clients the JSON list ` +
      `≥ ${GOALS.loadedRps.list} req/s, the expert JSON ≥ ${GOALS.loadedRps.expert} req/s, each ` +
      `page ≥ ${GOALS.loadedRps.page} req/s, p99 ≤ ${GOALS.loadedP99Ms} ms, no errors; the race ` +
      `gives exactly one 201 and only 409s besides; overload answers only 200 or 503 (shedding what it cannot serve) with p99 ≤ ` +
      `${GOALS.overloadP99Ms / 1000} s, and a request right after it takes at most twice its ` +
      `time alone (or 10 ms more).`,
  ].join('\n');
}
