import { AvailabilitySchema } from '../../shared/schemas/availability';
import {
  NOTHING_BOOKED,
  nextFreeSlot,
  occupancyOf,
  slotsForWindow,
} from '../../server/services/availability';

/**
 * `npm run bench:availability`: CPU time to turn one expert's rules into the slots of a 62-day
 * window (the expert page's widest) and to find the next free slot (the list, per expert), in
 * zones with and without clock changes in the window. Pure computation: no database.
 */

const RUNS = Number(process.env.BENCH_RUNS ?? 2000);

const weekday = [
  { start: '08:00', end: '12:00' },
  { start: '13:00', end: '18:00' },
];
const rules = (timezone: string, sessionMinutes: number) =>
  AvailabilitySchema.parse({
    timezone,
    sessionMinutes,
    minimumNoticeMinutes: 120,
    horizonDays: 90,
    weeklyHours: {
      monday: weekday,
      tuesday: weekday,
      wednesday: weekday,
      thursday: weekday,
      friday: weekday,
      saturday: [{ start: '10:00', end: '14:00' }],
    },
    overrides: [{ date: '2026-03-20', intervals: [] }],
  });

/** Median and p99 of one function's wall time over RUNS calls, in microseconds. */
function measure(run: () => unknown): { p50: number; p99: number } {
  for (let i = 0; i < 50; i++) run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    run();
    times.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(RUNS * 0.5)]!, p99: times[Math.floor(RUNS * 0.99)]! };
}

// The window starts a week before Europe's and North America's spring changes.
const now = new Date('2026-03-01T06:00:00Z');
const rows: string[][] = [];
for (const [timezone, sessionMinutes] of [
  ['UTC', 30],
  ['Europe/Berlin', 30],
  ['America/New_York', 60],
  ['Asia/Kolkata', 30],
  ['Australia/Lord_Howe', 15],
] as const) {
  const expert = rules(timezone, sessionMinutes);
  let count = 0;
  const window = measure(
    () => (count = slotsForWindow(expert, { days: 62 }, now, NOTHING_BOOKED).length),
  );
  const slots = slotsForWindow(expert, { days: 62 }, now, NOTHING_BOOKED);
  // The list's worst ordinary case: the whole first week is booked.
  const weekLater = now.getTime() + 7 * 86_400_000;
  const firstWeek = occupancyOf(
    slots
      .filter((slot) => slot.startsAt.getTime() < weekLater)
      .map((slot) => ({ date: slot.date, heldFrom: slot.startsAt, heldUntil: slot.endsAt })),
  );
  const next = measure(() => nextFreeSlot(expert, now, firstWeek));
  rows.push([
    timezone,
    String(sessionMinutes),
    String(count),
    window.p50.toFixed(0),
    window.p99.toFixed(0),
    next.p50.toFixed(0),
    next.p99.toFixed(0),
  ]);
}

const header = [
  'zone',
  'session min',
  'slots in 62 days',
  'window p50 µs',
  'window p99 µs',
  'next free p50 µs',
  'next free p99 µs',
];
process.stdout.write(
  [header, header.map(() => '---'), ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n') +
    `\n\n${RUNS} runs each; goal: a 62-day window under 2,000 µs per expert.\n`,
);
