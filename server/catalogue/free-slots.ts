import { LRUCache } from 'lru-cache';
import { IANAZone } from 'luxon';

import type { Availability } from '../../shared/schemas/availability';
import { addDays } from '../../shared/time/calendar-days';
import {
  bookableDays,
  firstFreeBetween,
  nextFreeSlot,
  type Occupancy,
  type OfferedSlot,
} from '../services/availability';
import { nextLocalMidnight } from '../services/window-cache';
import { ZoneClock } from '../services/zone-time';

const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;
const DAY = DAY_MINUTES * MINUTE;

/**
 * A stretch of a viewer's local day: the day's instants (`until` excluded), and when only a time
 * of day is asked for, which of them it takes. No stretch at all means "any time".
 */
export interface Stretch {
  key: string;
  from: number;
  until: number;
  accepts?: (instant: number) => boolean;
}

/**
 * Stretches worked out lately. A zone clock remembers every offset it looked up, so one kept per
 * zone would grow with every day anybody asks about; these are bounded instead.
 */
const stretches = new LRUCache<string, Stretch>({ max: 1000 });

/**
 * The instants whose wall-clock time in the viewer's zone falls on `date`, from `from` up to
 * `to` (minutes after midnight). Wall-clock times are compared, not durations from midnight: on
 * a day the clocks change, "17:00 to 24:00" is still the evening, and an hour that happens twice
 * is taken both times.
 */
export function viewerStretch(
  zone: string,
  asked: { date: string; from: number; to: number },
): Stretch {
  const key = `${zone}|${asked.date}|${asked.from}|${asked.to}`;
  let stretch = stretches.get(key);
  if (!stretch) {
    stretch = stretchOf(zone, asked, key);
    stretches.set(key, stretch);
  }
  return stretch;
}

function stretchOf(
  zone: string,
  asked: { date: string; from: number; to: number },
  key: string,
): Stretch {
  const clock = new ZoneClock(zone);
  const from = clock.startOf(asked.date);
  const until = clock.startOf(addDays(asked.date, 1));
  if (asked.from === 0 && asked.to >= DAY_MINUTES) return { key, from, until };
  const offsets = IANAZone.create(zone);
  return {
    key,
    from,
    until,
    accepts(instant) {
      const local = instant + offsets.offset(instant) * MINUTE;
      const minutes = (((local % DAY) + DAY) % DAY) / MINUTE;
      return minutes >= asked.from && minutes < asked.to;
    },
  };
}

export function stretchKey(stretch: Stretch | undefined): string {
  return stretch?.key ?? 'any';
}

/** What the first free slot of an expert depends on, from the read model. */
export interface FreeSlotSource {
  id: string;
  /** Changes whenever anything about the expert is heard. */
  revision: number;
  rules: Availability;
  occupancy(): Occupancy;
}

interface CachedSlot {
  revision: number;
  validUntil: number;
  slot: OfferedSlot | null;
}

/**
 * Until when a first free slot found at `now` stays the answer while the expert's revision does
 * not change: the slots before it are past, too soon, booked or beyond a full day's limit, and
 * only bookings and releases (new revisions) undo the last two. It stops being the answer once
 * it comes within the minimum notice; the expert's next midnight moves the horizon, which may
 * bring a free slot where there was none.
 */
function validUntil(rules: Availability, slot: OfferedSlot | null, now: Date): number {
  const midnight = nextLocalMidnight(rules.timezone, bookableDays(rules, now).today);
  if (!slot) return midnight;
  return Math.min(midnight, slot.startsAt.getTime() - rules.minimumNoticeMinutes * MINUTE);
}

/** How many (expert, stretch) answers are kept: a thousand experts for fifty stretches. */
export const DEFAULT_MAX_FREE_SLOTS = 50_000;

/**
 * Each expert's first free slot in a stretch of time (or at all), kept per expert and stretch
 * until the expert's revision changes or time moves past `validUntil`.
 */
export function createFreeSlotCache({ max = DEFAULT_MAX_FREE_SLOTS }: { max?: number } = {}) {
  const slots = new LRUCache<string, CachedSlot>({ max });

  return {
    firstFree(
      expert: FreeSlotSource,
      stretch: Stretch | undefined,
      now: Date,
    ): { slot: OfferedSlot | null; validUntil: number } {
      const key = `${expert.id}|${stretchKey(stretch)}`;
      const at = now.getTime();
      const cached = slots.get(key);
      if (cached && cached.revision === expert.revision && at < cached.validUntil) return cached;
      const { rules } = expert;
      const slot = stretch
        ? firstFreeBetween(rules, now, expert.occupancy(), stretch)
        : nextFreeSlot(rules, now, expert.occupancy());
      const entry = {
        revision: expert.revision,
        validUntil: validUntil(rules, slot, now),
        slot,
      };
      slots.set(key, entry);
      return entry;
    },
  };
}

export type FreeSlotCache = ReturnType<typeof createFreeSlotCache>;
