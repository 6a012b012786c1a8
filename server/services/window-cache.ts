import { LRUCache } from 'lru-cache';

import type { Expert } from '../../shared/schemas/expert';
import { addDays } from '../../shared/time/calendar-days';
import { ZoneClock } from './zone-time';

/**
 * How many computed windows are kept in all. Measured (`npm run bench:read-model-memory`): a
 * window of 14 days of the bench's experts is about 21 kB with its compiled rules, so the cache
 * stays under about 45 MB; most readers ask for one window per expert (this week, the default
 * length), which covers a catalogue of two thousand experts.
 */
export const DEFAULT_MAX_WINDOWS = 2000;

const MINUTE = 60_000;

/** Which window of which expert: every answer `get` can give differs by one of these. */
export interface WindowKey {
  expertId: string;
  from: string | undefined;
  days: number;
  sessionMinutes: number;
}

interface CachedWindow {
  /** The expert's revision in the read model the window was worked out from. */
  revision: number;
  /** The first instant at which the same computation could answer differently. */
  validUntil: number;
  expert: Expert;
}

/** The first instant of the local day after `today`, in the zone. */
export function nextLocalMidnight(timezone: string, today: string): number {
  return new ZoneClock(timezone).startOf(addDays(today, 1));
}

/**
 * Until when a window worked out at `now` stays right, as long as nothing is booked, released or
 * edited (those change the expert's revision): the expert's next local midnight (today and the
 * horizon move), or the next moment a slot starts (it becomes past) or comes within the minimum
 * notice, whichever comes first.
 */
export function windowValidUntil(expert: Expert, minimumNoticeMinutes: number, now: Date): number {
  let until = nextLocalMidnight(expert.timezone, expert.window.today);
  const at = now.getTime();
  const notice = minimumNoticeMinutes * MINUTE;
  for (const slot of expert.slots) {
    const starts = Date.parse(slot.startsAt);
    // Past from its start on; too soon once the notice is more than what is left, one
    // millisecond after `starts - notice` (a window worked out at that very instant offers it).
    const tooSoonFrom = starts - notice + 1;
    if (starts > at && starts < until) until = starts;
    if (tooSoonFrom > at && tooSoonFrom < until) until = tooSoonFrom;
  }
  return until;
}

/**
 * Computed windows of experts' slots, kept while the expert's revision is the one they were
 * worked out from and until their `validUntil`; the least recently read go first beyond `max`.
 */
export function createWindowCache({ max = DEFAULT_MAX_WINDOWS }: { max?: number } = {}) {
  const windows = new LRUCache<string, CachedWindow>({ max });
  const keyOf = (key: WindowKey) =>
    `${key.expertId}|${key.sessionMinutes}|${key.from ?? ''}|${key.days}`;

  return {
    get(key: WindowKey, revision: number, now: Date): Expert | undefined {
      const cached = windows.get(keyOf(key));
      if (!cached) return undefined;
      if (cached.revision !== revision || now.getTime() >= cached.validUntil) {
        windows.delete(keyOf(key));
        return undefined;
      }
      return cached.expert;
    },

    set(key: WindowKey, revision: number, expert: Expert, validUntil: number): void {
      windows.set(keyOf(key), { revision, validUntil, expert });
    },

    get size(): number {
      return windows.size;
    },
  };
}

export type WindowCache = ReturnType<typeof createWindowCache>;
