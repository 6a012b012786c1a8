/**
 * Schemathesis closes with a pytest-style ruler line ("=== 1 warning in 32s ==="), which CI reads
 * as pytest's own closing line, for a run of no tests; the rulers are dropped and the words kept.
 */
export function withoutRuler(line: string): string {
  return /^=+ (.*?) =+$/.exec(line)?.[1] ?? line;
}
