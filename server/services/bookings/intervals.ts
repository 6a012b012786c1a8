import { MINUTE_STEP } from '../../../shared/schemas/availability';

/**
 * The time a booking holds, as instants: the session with its buffers, widened to whole blocks.
 * Every instant the rules can name falls on a block edge (times, lengths, steps and buffers are
 * multiples of five minutes, and zone offsets of fifteen), so widening changes nothing for them;
 * a booking made under older, finer rules holds the blocks it touches, which can only be more
 * than it needs, never less. Holding and checking use this one arithmetic, so what the page
 * offers and what the database accepts agree.
 */

const MINUTE = 60_000;
export const BLOCK_MS = MINUTE_STEP * MINUTE;

/** `[from, until)` in epoch milliseconds. */
export interface Span {
  from: number;
  until: number;
}

export interface Buffers {
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
}

/** The blocks a session from `startsAt` to `endsAt` holds with its buffers. */
export function heldSpan(startsAt: Date, endsAt: Date, buffers: Buffers): Span {
  const from = startsAt.getTime() - buffers.bufferBeforeMinutes * MINUTE;
  const until = endsAt.getTime() + buffers.bufferAfterMinutes * MINUTE;
  return {
    from: Math.floor(from / BLOCK_MS) * BLOCK_MS,
    until: Math.ceil(until / BLOCK_MS) * BLOCK_MS,
  };
}

/** The block numbers (epoch milliseconds / block) a span covers, earliest first. */
export function blocksOf(span: Span): number[] {
  const blocks: number[] = [];
  for (let at = span.from; at < span.until; at += BLOCK_MS) blocks.push(at / BLOCK_MS);
  return blocks;
}

export function overlaps(a: Span, b: Span): boolean {
  return a.from < b.until && b.from < a.until;
}

/**
 * The held time of an expert, merged and sorted, asked "is this span free?" many times: one
 * binary search each.
 */
export class HeldTimes {
  private readonly merged: Span[];

  constructor(spans: Iterable<Span>) {
    const sorted = [...spans].sort((a, b) => a.from - b.from);
    const merged: Span[] = [];
    for (const span of sorted) {
      const last = merged[merged.length - 1];
      if (last && span.from <= last.until) last.until = Math.max(last.until, span.until);
      else merged.push({ ...span });
    }
    this.merged = merged;
  }

  static readonly NONE = new HeldTimes([]);

  /** Whether any held time meets `span`. */
  overlaps(span: Span): boolean {
    // The last merged span starting before `span` ends is the only one that can reach into it.
    let low = 0;
    let high = this.merged.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.merged[middle]!.from < span.until) low = middle + 1;
      else high = middle;
    }
    const candidate = this.merged[low - 1];
    return candidate !== undefined && candidate.until > span.from;
  }
}
