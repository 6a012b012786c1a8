import fc from 'fast-check';
import { DateTime } from 'luxon';

import { ZoneClock } from './zone-time';

const ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'America/Santiago',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'Pacific/Apia',
];

describe('ZoneClock.today', () => {
  it('names the local day of any instant, asked in any order of one clock', () => {
    // Around 2030's changes of clocks (March, April, September, October) and across years.
    const instants = fc.integer({
      min: Date.parse('2030-03-01T00:00:00Z'),
      max: Date.parse('2030-11-30T00:00:00Z'),
    });
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.array(
          fc.oneof(
            instants,
            instants.map((at) => at - (at % 3_600_000)),
          ),
          {
            minLength: 1,
            maxLength: 40,
          },
        ),
        (zone, moments) => {
          const clock = new ZoneClock(zone);
          for (const at of moments) {
            expect(clock.today(new Date(at))).toBe(DateTime.fromMillis(at, { zone }).toISODate());
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('starts a day at its first instant, after a midnight the clocks skip', () => {
    const clock = new ZoneClock('America/Santiago');
    const start = clock.startOf('2030-09-08');
    expect(DateTime.fromMillis(start, { zone: 'America/Santiago' }).toISO()).toBe(
      '2030-09-08T01:00:00.000-03:00',
    );
    expect(clock.today(new Date(start - 1))).toBe('2030-09-07');
    expect(clock.today(new Date(start))).toBe('2030-09-08');
  });
});
