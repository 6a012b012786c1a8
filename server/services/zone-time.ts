import { IANAZone } from 'luxon';

import { addDays, dateStamp, isoDate } from '../../shared/time/calendar-days';

/**
 * Local wall-clock time to UTC instants in one IANA zone, fast enough to turn two months of an
 * expert's rules into slots in about a millisecond. Converting each slot with luxon's
 * `DateTime.fromObject` costs ~30 µs; here a day without a clock change costs one offset look-up.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Every zone's day has begun two hours after its midnight, whatever its clocks do. */
const LATEST_DAY_START_MINUTES = 120;

export class ZoneClock {
  private readonly zone: IANAZone;
  private readonly offsets = new Map<number, number>();

  constructor(timezone: string) {
    this.zone = IANAZone.create(timezone);
    if (!this.zone.isValid) throw new RangeError(`Unknown time zone: ${timezone}`);
  }

  /** The zone's UTC offset in minutes at an instant, remembered for this clock's lifetime. */
  offsetAt(instant: number): number {
    let offset = this.offsets.get(instant);
    if (offset === undefined) {
      offset = this.zone.offset(instant);
      this.offsets.set(instant, offset);
    }
    return offset;
  }

  /** The local day last asked for and the instants it lasts: most calls fall in it again. */
  private current: { date: string; from: number; until: number } | undefined;

  /** Today's date in the zone. */
  today(now: Date): string {
    const at = now.getTime();
    const current = this.current;
    if (current && at >= current.from && at < current.until) return current.date;
    // Not through offsetAt: arbitrary instants would fill its map for good.
    const local = at + this.zone.offset(at) * MINUTE;
    const date = isoDate(local - (((local % DAY) + DAY) % DAY));
    this.current = { date, from: this.startOf(date), until: this.startOf(addDays(date, 1)) };
    return date;
  }

  /**
   * The first instant of a local day: its midnight, or where the day begins in a zone whose
   * clocks skip midnight (a spring-forward change at 00:00 starts the day at 01:00).
   */
  startOf(date: string): number {
    const instantOf = this.day(date);
    for (let minutes = 0; minutes <= LATEST_DAY_START_MINUTES; minutes += 15) {
      const instant = instantOf(minutes);
      if (instant !== undefined) return instant;
    }
    throw new RangeError(`${date} has no start in ${this.zone.name}`);
  }

  /**
   * A converter from minutes after local midnight of `date` to the UTC instant, or undefined for
   * a local time that does not exist (skipped by a spring-forward change). A local time that
   * happens twice (fall back) maps to its first occurrence.
   */
  day(date: string): (minutes: number) => number | undefined {
    const midnight = dateStamp(date);
    // Every instant of a local day lies within [midnight − 14 h, midnight + 38 h] whatever the
    // offset. Sampling on whole days before and after lets consecutive days share look-ups, and
    // the same offset at both ends means no change of clocks that day (zones never change twice
    // within three days).
    const before = this.offsetAt(midnight - DAY);
    const after = this.offsetAt(midnight + 2 * DAY);
    if (before === after) return (minutes) => midnight + minutes * MINUTE - before * MINUTE;
    return (minutes) => this.exactInstant(midnight + minutes * MINUTE);
  }

  /** The earliest instant whose wall-clock time in the zone is `local`, if there is one. */
  private exactInstant(local: number): number | undefined {
    let earliest: number | undefined;
    for (const offset of new Set([this.zone.offset(local - DAY), this.zone.offset(local + DAY)])) {
      const instant = local - offset * MINUTE;
      if (this.zone.offset(instant) === offset && (earliest === undefined || instant < earliest)) {
        earliest = instant;
      }
    }
    return earliest;
  }
}
