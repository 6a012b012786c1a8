import { IANAZone } from 'luxon';

import { dateStamp, isoDate } from '../../shared/time/calendar-days';

/**
 * Local wall-clock time to UTC instants in one IANA zone, fast enough to turn two months of an
 * expert's rules into slots in about a millisecond. Converting each slot with luxon's
 * `DateTime.fromObject` costs ~30 µs; here a day without a clock change costs one offset look-up.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

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

  /** Today's date in the zone. */
  today(now: Date): string {
    const local = now.getTime() + this.offsetAt(now.getTime()) * MINUTE;
    return isoDate(local - (((local % DAY) + DAY) % DAY));
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
